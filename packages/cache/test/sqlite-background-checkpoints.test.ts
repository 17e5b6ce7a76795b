import { once } from 'node:events';
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { CacheArgumentError, type CheckpointResult, openSqliteStore } from '@hotpath/cache';
import { expect, it } from 'vitest';
import { WalCheckpointer } from '../src/internal/wal-checkpointer.ts';
import { tempDir } from './helpers.ts';

/** Rows in the database file alone, read from a copy of it without its WAL. */
function rowsInDatabaseFile(dir: string, path: string): number {
  const copy = join(dir, 'copy-without-wal.sqlite');
  copyFileSync(path, copy);
  const db = new DatabaseSync(copy, { readOnly: true });
  try {
    // Until the first checkpoint even the table's creation is only in the WAL.
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE name = 'hotpath_cache'").all();
    if (tables.length === 0) return 0;
    return Number(db.prepare('SELECT count(*) AS n FROM hotpath_cache').get()!.n);
  } finally {
    db.close();
  }
}

it("with checkpoints: 'background', a worker thread checkpoints the WAL into the database file every 256 writes", async () => {
  using dir = tempDir();
  const path = join(dir.path, 'background.sqlite');
  await using store = openSqliteStore({ path, checkpoints: 'background' });
  const checkpointed = once(store, 'checkpoint') as Promise<[CheckpointResult]>;
  for (let i = 0; i < 255; i++) store.setSync(`key ${i}`, `value ${i} ${'ü'.repeat(i)}`);
  // 255 writes: no checkpoint asked for yet, and the store's own connection never runs one.
  expect(rowsInDatabaseFile(dir.path, path)).toBe(0);
  store.setSync('key 255', Buffer.from('the 256th write'));
  const [result] = await checkpointed;
  expect(result.logFrames).toBeGreaterThan(0);
  expect(result.checkpointedFrames).toBe(result.logFrames);
  expect(rowsInDatabaseFile(dir.path, path)).toBe(256);
  // The store reads and writes on as before, from its WAL and the checkpointed file alike.
  expect(store.getSync('key 3')).toBe('value 3 üüü');
  expect(store.getSync('key 255')).toEqual(Buffer.from('the 256th write'));
});

it('keeps the WAL bounded under a synchronous write loop that never yields to the event loop', async () => {
  using dir = tempDir();
  const path = join(dir.path, 'loop.sqlite');
  await using store = openSqliteStore({ path, checkpoints: 'background' });
  // 20,000 rows of ~2 KB: about 260 MiB of WAL frames if nothing rewound the WAL (159 MiB for
  // 12,000 measured without the catch-up). The worker's checkpoints alone cannot rewind it (rows
  // land while they run); the store's catch-up past 4,000 frames (16 MiB) does. How soon the
  // worker finishes depends on the disk, so the bound asserted is loose: well under unbounded.
  for (let i = 0; i < 20_000; i++) store.setSync(`key ${i}`, `${i} ${'x'.repeat(2000)}`);
  expect(statSync(`${path}-wal`).size).toBeLessThan(100 * 2 ** 20);
  expect(store.getSync('key 19999')).toBe(`19999 ${'x'.repeat(2000)}`);
});

it("without the option (checkpoints: 'inline'), SQLite checkpoints inside a commit and the store emits no 'checkpoint'", async () => {
  using dir = tempDir();
  const path = join(dir.path, 'inline.sqlite');
  await using store = openSqliteStore({ path });
  const events: unknown[] = [];
  store.on('checkpoint', (result) => events.push(result));
  // 1,200 rows of ~2 KB take well over 1,000 WAL pages: SQLite's own checkpoint runs.
  for (let i = 0; i < 1200; i++) store.setSync(`key ${i}`, 'x'.repeat(2000) + i);
  expect(rowsInDatabaseFile(dir.path, path)).toBeGreaterThan(0);
  expect(events).toEqual([]);
});

it('closing a store stops its checkpoint worker first; a closed store closes again as a no-op', async () => {
  using dir = tempDir();
  const path = join(dir.path, 'close.sqlite');
  const store = openSqliteStore({ path, checkpoints: 'background' });
  for (let i = 0; i < 300; i++) store.setSync(`key ${i}`, i);
  await store.close();
  await store.close();
  // Everything written reached the file: the last connection to close checkpointed the rest.
  expect(rowsInDatabaseFile(dir.path, path)).toBe(300);
});

it('rejects an unknown checkpoints option with a typed error naming it', () => {
  expect(() => openSqliteStore({ path: ':memory:', checkpoints: 'sometimes' as 'inline' })).toThrow(
    CacheArgumentError,
  );
  expect(() => openSqliteStore({ path: ':memory:', checkpoints: 'sometimes' as 'inline' })).toThrow(
    /options\.checkpoints/,
  );
});

it('a checkpoint worker that cannot open its database reports the failure once, and closes', async () => {
  using dir = tempDir();
  const failures: unknown[] = [];
  const done: CheckpointResult[] = [];
  const checkpointer = new WalCheckpointer(join(dir.path, 'missing', 'dir', 'x.sqlite'), 1, 4000, {
    inline: () => undefined,
    catchUp: () => undefined,
    done: (result) => done.push(result),
    failed: (error) => failures.push(error),
  });
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (failures.length === 0) return;
      clearInterval(poll);
      resolve();
    }, 5);
  });
  checkpointer.wrote();
  await checkpointer.close();
  expect(failures).toHaveLength(1);
  expect(String(failures[0])).toMatch(/unable to open/i);
  expect(done).toEqual([]);
});
