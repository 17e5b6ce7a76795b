// The SQLite store deletes expired rows a window of rows at a time (2 × purgeEvery rows every
// purgeEvery writes, wrapping around), never a live row, and a damaged page on the way never
// fails the write that ran the sweep.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openSqliteStore, type SqliteStore } from '@hotpath/cache';
import { expect, it } from 'vitest';
import { ErrorEvents } from './corruption.ts';
import { tempDir } from './helpers.ts';

const TABLE = 'hotpath_cache';
const HOUR = 3_600_000;

function rowCount(path: string): number {
  const db = new DatabaseSync(path, { readOnly: true });
  const { n } = db.prepare(`SELECT count(*) AS n FROM ${TABLE}`).get() as { n: number };
  db.close();
  return n;
}

/** Marks rows as expired long ago, behind the store's back. */
function expire(path: string, where: string): void {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA busy_timeout = 5000');
  db.prepare(`UPDATE ${TABLE} SET expires = 1 WHERE ${where}`).run();
  db.close();
}

/** `count` overwrites of live key `k1` (writes that add no row). */
async function writes(store: SqliteStore, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await store.set('k1', `live ${i}`, HOUR);
}

it('deletes the expired rows of the next 2 × purgeEvery rows every purgeEvery writes, and wraps around', async () => {
  using dir = tempDir();
  const path = join(dir.path, 'sweep.sqlite');
  const writer = openSqliteStore({ path, purgeEvery: 1000 });
  for (let i = 0; i < 100; i++) await writer.set(`k${i}`, i, HOUR); // k<i> is rowid i + 1
  await writer.close();
  await using store = openSqliteStore({ path, purgeEvery: 10 }); // its sweep starts at rowid 0
  expire(path, "rowid % 2 = 0 AND key != 'k1'"); // 49 rows; k1 is the key rewritten below
  await writes(store, 10); // rowids 1–20: 9 expired
  expect(rowCount(path)).toBe(91);
  await writes(store, 30); // rowids 21–80: 30 expired
  expect(rowCount(path)).toBe(61);
  await writes(store, 10); // rowids 81–100: 10 expired
  expect(rowCount(path)).toBe(51);
  expire(path, 'rowid % 4 = 1'); // 25 rows, all behind the sweep
  await writes(store, 10); // past the last row: the sweep wraps around
  expect(rowCount(path)).toBe(51);
  await writes(store, 10); // the first 20 rows (rowids 1, 2, 3, 5 … 37): 10 expired
  expect(rowCount(path)).toBe(41);
  await writes(store, 20); // rowids 39–77, then the last 11 rows: 15 expired
  expect(rowCount(path)).toBe(26);
  for (let i = 2; i < 100; i += 4) expect(await store.get(`k${i}`)).toBe(i);
  expect(await store.get('k1')).toBe('live 19');
});

it('an expired row reads as a miss before the sweep reaches it', async () => {
  using dir = tempDir();
  const path = join(dir.path, 'unswept.sqlite');
  await using store = openSqliteStore({ path, purgeEvery: 1000 });
  await store.set('gone', 'value', HOUR);
  expire(path, "key = 'gone'");
  expect(await store.get('gone')).toBeUndefined();
  expect(rowCount(path)).toBe(1);
});

it('a damaged page in the sweep is published, skipped, and the write that ran it succeeds', async () => {
  using dir = tempDir();
  const path = join(dir.path, 'damaged.sqlite');
  const writer = openSqliteStore({ path });
  for (let i = 0; i < 300; i++) await writer.set(`k${String(i).padStart(3, '0')}`, 'x'.repeat(300));
  await writer.close();
  const file = readFileSync(path);
  const pageSize = file.readUInt16BE(16);
  const db = new DatabaseSync(path, { readOnly: true });
  const pages = db
    .prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path")
    .all(TABLE)
    .map((row) => row.pageno as number);
  db.close();
  const page = pages[1]!;
  file.fill(0, (page - 1) * pageSize, page * pageSize);
  writeFileSync(path, file);
  rmSync(`${path}-wal`, { force: true });

  using events = new ErrorEvents();
  await using store = openSqliteStore({ path, purgeEvery: 10 });
  const key = `k${String(299).padStart(3, '0')}`;
  for (let i = 0; i < 200; i++) await store.set(key, `v${i}`);
  expect(await store.get(key)).toBe('v199');
  const purges = events.take().filter((event) => event.operation === 'sqlite.purge');
  expect(purges.length).toBeGreaterThan(0);
});
