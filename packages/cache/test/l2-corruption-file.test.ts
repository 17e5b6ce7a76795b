// Corrupts the bytes of a small database file where a row lives (its cell in the table b-tree,
// and its entry in the key index: record header, key, value, expiry, checksum, rowid), at every
// offset, then opens the file anew and reads every key through the store alone and the cache:
// each read is the right value or a miss, never another value; detected damage raises an event.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createCache, openSqliteStore } from '@hotpath/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corruptions, ErrorEvents } from './corruption.ts';
import { tempDir } from './helpers.ts';

const alone: Record<string, unknown> = { greeting: 'héllo ✓', a: 'x', zz: Uint8Array.of(1, 2) };
const cached: Record<string, unknown> = { 'user:1': { name: 'Ada', n: 1n }, 'user:2': 'Bob' };

let dir: ReturnType<typeof tempDir>;
let path: string;
let pristine: Buffer;

beforeAll(async () => {
  dir = tempDir();
  path = join(dir.path, 'small.sqlite');
  const store = openSqliteStore({ path, table: 'alone' });
  for (const [key, value] of Object.entries(alone)) await store.set(key, value, 3_600_000);
  await store.close();
  const cache = await createCache({ l2: openSqliteStore({ path }) });
  for (const [key, value] of Object.entries(cached)) await cache.set(key, value);
  await cache.close(); // the last connection to close checkpoints the WAL into the file
  pristine = readFileSync(path);
});
afterAll(() => dir[Symbol.dispose]());

function varint(bytes: Uint8Array, at: number): [value: number, length: number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = bytes[at + i]!;
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [value, i + 1];
  }
  return [value * 256 + bytes[at + 8]!, 9];
}

/** Byte ranges [start, end) in the file of the cells (table row, index entry) holding `key`. */
function cellsOf(table: string, key: string): [number, number][] {
  const db = new DatabaseSync(path, { readOnly: true });
  const roots = db
    .prepare('SELECT rootpage FROM sqlite_schema WHERE tbl_name = ? ORDER BY type')
    .all(table)
    .map((row) => row.rootpage as number);
  db.close();
  const pageSize = pristine.readUInt16BE(16);
  const needle = Buffer.from(key);
  return roots.map((page) => {
    const start = (page - 1) * pageSize;
    const type = pristine[start]!;
    expect([0x0d, 0x0a], `page ${page} is a leaf`).toContain(type);
    const count = pristine.readUInt16BE(start + 3);
    for (let i = 0; i < count; i++) {
      const cell = start + pristine.readUInt16BE(start + 8 + 2 * i);
      const [payload, sizeLength] = varint(pristine, cell);
      const rowid = type === 0x0d ? varint(pristine, cell + sizeLength)[1] : 0;
      const end = cell + sizeLength + rowid + payload;
      const at = pristine.indexOf(needle, cell);
      if (at >= 0 && at < end) return [cell, end];
    }
    throw new Error(`no cell of ${table} holds ${key}`);
  });
}

/** Opens the damaged file and reads every key of `table`; throws on any wrong value. */
async function readAll(table: string, what: string): Promise<{ misses: number }> {
  let misses = 0;
  const check = (value: unknown, expected: unknown, key: string) => {
    if (value === undefined) misses++;
    else expect(value, `${what}: ${key}`).toStrictEqual(expected);
  };
  if (table === 'alone') {
    await using store = openSqliteStore({ path, table: 'alone' });
    for (const [key, value] of Object.entries(alone)) check(await store.get(key), value, key);
    return { misses };
  }
  await using cache = await createCache({ l2: openSqliteStore({ path }) });
  for (const [key, value] of Object.entries(cached)) check(await cache.get(key), value, key);
  return { misses };
}

describe('corrupting the database file', () => {
  for (const [table, key] of [
    ['alone', 'greeting'],
    ['hotpath_cache', 'user:1'],
  ] as const) {
    it(`every byte of the cells holding ${table}/${key}: every read is the right value or a miss`, async () => {
      using events = new ErrorEvents();
      let damaged = 0;
      let cells = 0;
      for (const [start, end] of cellsOf(table, key)) {
        cells += end - start;
        const plan = { ranges: [2, 4, 8], resize: false };
        for (const { what, bytes } of corruptions(pristine.subarray(start, end), plan)) {
          const file = Buffer.from(pristine);
          file.set(bytes, start);
          writeFileSync(path, file);
          const { misses } = await readAll(table, `${what} (cell at ${start})`);
          if (misses > 0) damaged++;
        }
      }
      writeFileSync(path, pristine);
      rmSync(`${path}-wal`, { force: true });
      expect(cells).toBeGreaterThan(20);
      expect(damaged).toBeGreaterThan(cells * 5);
      expect(events.seen.length).toBeGreaterThan(cells);
      expect(await readAll(table, 'pristine')).toEqual({ misses: 0 });
    });
  }
});
