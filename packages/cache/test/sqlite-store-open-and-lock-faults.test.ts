import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CacheArgumentError,
  createCache,
  createSqliteStore,
  openSqliteStore,
  StoreOpenError,
} from '@hotpath/cache';
import { expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

it('a file that is not a SQLite database is refused with StoreOpenError, not a bare node:sqlite error', async () => {
  using dir = tempDir();
  const path = join(dir.path, 'junk.sqlite');
  writeFileSync(path, randomFillSync(Buffer.alloc(8192)));
  const error = await createSqliteStore({ path }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StoreOpenError);
  expect(error).toMatchObject({ code: 'HOTPATH_CACHE_STORE_OPEN_FAILED' });
  expect((error as Error).message).toContain(path);
  expect((error as Error).cause).toBeInstanceOf(Error);
  expect(() => openSqliteStore({ path })).toThrow(StoreOpenError);
});

it('a path that is a directory is refused with StoreOpenError', async () => {
  using dir = tempDir();
  await expect(createSqliteStore({ path: dir.path })).rejects.toBeInstanceOf(StoreOpenError);
});

it('busyTimeoutMs must be a whole number of ms ≥ 0', () => {
  for (const busyTimeoutMs of [-1, 1.5, Number.NaN, Infinity, '5' as never]) {
    expect(() => openSqliteStore({ path: ':memory:', busyTimeoutMs })).toThrow(CacheArgumentError);
  }
});

/** Another process that takes the file's write lock, says so, and releases it after `holdMs`. */
async function holdWriteLock(path: string, holdMs: number) {
  const script = `
    const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(${JSON.stringify(path)});
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('ROLLBACK'); db.close(); process.stdout.write('released\\n'); }, ${holdMs});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => lines.push(...chunk.split('\n')));
  while (!lines.includes('locked')) await once(child.stdout, 'data');
  return { released: () => lines.includes('released'), exited: once(child, 'exit'), child };
}

it('a write blocked by another process holding the lock gives up within the default busy timeout (1 s), long before a 4 s lock is released, and is reported', async () => {
  using dir = tempDir();
  const path = join(dir.path, 'shared.sqlite');
  await using cache = await createCache({ l2: await createSqliteStore({ path }) });
  await cache.set('before', 1);
  const lock = await holdWriteLock(path, 4000);
  try {
    const errorsBefore = cache.stats().l2.errors;
    await cache.set('blocked', 2);
    // SQLite calls are synchronous: until busy_timeout ends, the whole event loop waits.
    expect(lock.released()).toBe(false);
    expect(cache.stats().l2.errors).toBe(errorsBefore + 1);
    expect(cache.getSync('blocked')).toBe(2);
  } finally {
    lock.child.kill();
    await lock.exited;
  }
});
