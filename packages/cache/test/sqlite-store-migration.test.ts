// test/fixtures/first-version.sqlite was written by the first version of the store (commit 8eee255:
// a WITHOUT ROWID table without checksums, strings as TEXT, INSERT OR REPLACE). Table
// `hotpath_cache`: a Cache wrote user:1 (an object with a Date), bytes (a Buffer), post:1 (tagged
// 'posts') and invalidated tag 'posts'. Table `keyv_store`: the store alone wrote text
// ('héllo ✓ 😀 \0 end'), bytes (Uint8Array 0 1 2 254 255), buffer (Buffer 'a buffer'), object
// ({ when: Date(7), n: 3n, map: Map{1→'one'} }), short-lived (ttl 1 ms), lasting (ttl 10 years), and
// Keyv with namespace 'app' wrote greeting = { hello: 'world' }.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createCache, openSqliteStore } from '@hotpath/cache';
import { Keyv } from 'keyv';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const fixture = new URL('fixtures/first-version.sqlite', import.meta.url).pathname;
let dir: ReturnType<typeof tempDir>;
let path: string;
beforeEach(() => {
  dir = tempDir();
  path = join(dir.path, 'old.sqlite');
  copyFileSync(fixture, path);
});
afterEach(() => dir[Symbol.dispose]());

function layout(table: string): { columns: string; withoutRowid: number } {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const columns = db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(table);
    const { wr } = db.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').get(table)!;
    return { columns: columns.map((c) => c.name).join(','), withoutRowid: wr as number };
  } finally {
    db.close();
  }
}

it('opens a first-version file, migrates its tables once, and reads what that version stored', async () => {
  expect(layout('keyv_store')).toEqual({ columns: 'key,value,kind,expires', withoutRowid: 1 });
  {
    await using store = openSqliteStore({ path, table: 'keyv_store' });
    expect(await store.get('text')).toBe('héllo ✓ 😀 \u0000 end');
    // The first version returned Buffers as Uint8Arrays; what it stored that way stays so.
    expect(await store.get('bytes')).toEqual(Uint8Array.of(0, 1, 2, 254, 255));
    expect(await store.get('buffer')).toEqual(new Uint8Array(Buffer.from('a buffer')));
    expect(await store.get('object')).toEqual({
      when: new Date(7),
      n: 3n,
      map: new Map([[1, 'one']]),
    });
    expect(await store.get('short-lived')).toBeUndefined();
    expect(await store.get('lasting')).toBe('kept');
    const keyv = new Keyv({
      store: openSqliteStore({ path, table: 'keyv_store' }),
      namespace: 'app',
    });
    expect(await keyv.get('greeting')).toEqual({ hello: 'world' });
    await keyv.disconnect();
    await store.set('buffer', Buffer.from('new'));
    expect(Buffer.isBuffer(await store.get('buffer'))).toBe(true);
  }
  expect(layout('keyv_store')).toEqual({
    columns: 'key,kind,expires,checksum,value',
    withoutRowid: 0,
  });
  await using again = openSqliteStore({ path, table: 'keyv_store' });
  expect(await again.get('lasting')).toBe('kept');
  expect(Buffer.isBuffer(await again.get('buffer'))).toBe(true);
});

it('reads cache entries of the first version as misses with an error event, and treats its tag times as invalidated now', async () => {
  const events: { operation: string; key: string; error: { code: string } }[] = [];
  const listener = (message: unknown) => events.push(message as (typeof events)[number]);
  subscribe('hotpath:cache:error', listener);
  try {
    await using cache = await createCache({ l2: openSqliteStore({ path }) });
    expect(layout('hotpath_cache').columns).toBe('key,kind,expires,checksum,value');
    expect(await cache.get('user:1')).toBeUndefined();
    expect(await cache.get('bytes')).toBeUndefined();
    expect(await cache.get('post:1')).toBeUndefined();
    expect(events.map((e) => [e.key, e.error.code])).toEqual([
      ['user:1', 'HOTPATH_CACHE_DECODE_FAILED'],
      ['bytes', 'HOTPATH_CACHE_DECODE_FAILED'],
      ['post:1', 'HOTPATH_CACHE_DECODE_FAILED'],
    ]);
    await cache.set('post:2', 'fresh', { tags: ['posts'] });
    await cache.set('user:1', { name: 'Grace' });
  } finally {
    unsubscribe('hotpath:cache:error', listener);
  }
  await using reader = await createCache({ l2: openSqliteStore({ path }) });
  expect(await reader.get('user:1')).toEqual({ name: 'Grace' });
  // The first version's time for tag 'posts' does not verify: the tag counts as invalidated
  // when it was read, which kills post:2, and that time is written back in the new format.
  expect(await reader.get('post:2')).toBeUndefined();
  expect(reader.stats().l2.decodeErrors).toBe(1);
  await reader.set('post:3', 'after', { tags: ['posts'] });
  await using third = await createCache({ l2: openSqliteStore({ path }) });
  expect(await third.get('post:3')).toBe('after');
  expect(third.stats().l2.decodeErrors).toBe(0);
});

it('refuses a table of a foreign layout instead of writing over it', () => {
  const db = new DatabaseSync(path);
  db.exec('CREATE TABLE theirs (id INTEGER PRIMARY KEY, payload TEXT)');
  db.close();
  expect(() => openSqliteStore({ path, table: 'theirs' })).toThrow(
    /options.table must be a table created by the SQLite store/,
  );
});
