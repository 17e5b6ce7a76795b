import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { IntegrityError, openSqliteStore } from '@hotpath/cache';
import { Keyv } from 'keyv';
import { expect, it } from 'vitest';
import { ErrorEvents } from './corruption.ts';
import { tempDir } from './helpers.ts';

it('overwrites a key in place: an upsert keeps the row (INSERT OR REPLACE would delete it and insert a new one)', async () => {
  using dir = tempDir();
  const path = join(dir.path, 'upsert.sqlite');
  await using store = openSqliteStore({ path });
  await store.set('k', 'first');
  await store.set('other', 'x');
  const db = new DatabaseSync(path);
  const rowid = () => db.prepare('SELECT rowid FROM hotpath_cache WHERE key = ?').get('k')!.rowid;
  const before = rowid();
  await store.set('k', Buffer.from('second'), 60_000);
  await store.setMany([{ key: 'k', value: 'third' }]);
  expect(rowid()).toBe(before);
  expect(await store.get('k')).toBe('third');
  db.close();
});

it("reports a corrupt row on hotpath:cache:error and as the store's error event, which keyv forwards; the read is a miss", async () => {
  using dir = tempDir();
  using events = new ErrorEvents();
  const path = join(dir.path, 'events.sqlite');
  await using store = openSqliteStore({ path });
  const keyv = new Keyv({ store: openSqliteStore({ path }) });
  await keyv.set('k', 'v');
  await store.set('raw', 'value');
  const db = new DatabaseSync(path);
  db.exec("UPDATE hotpath_cache SET value = x'00' || value");
  db.close();
  // No listener on the store: a corrupt read is still a miss, never a thrown 'error' event.
  expect(await store.get('raw')).toBeUndefined();
  const storeErrors: unknown[] = [];
  store.on('error', (error) => storeErrors.push(error));
  expect(await store.get('raw')).toBeUndefined();
  expect(storeErrors).toHaveLength(1);
  expect(storeErrors[0]).toBeInstanceOf(IntegrityError);
  const keyvErrors: unknown[] = [];
  keyv.on('error', (error) => keyvErrors.push(error));
  expect(await keyv.get('k')).toBeUndefined();
  expect(keyvErrors).toMatchObject([{ code: 'HOTPATH_CACHE_INTEGRITY_FAILED' }]);
  expect(events.take().map((e) => [e.operation, e.error.code])).toEqual([
    ['sqlite.get', 'HOTPATH_CACHE_INTEGRITY_FAILED'],
    ['sqlite.get', 'HOTPATH_CACHE_INTEGRITY_FAILED'],
    ['sqlite.get', 'HOTPATH_CACHE_INTEGRITY_FAILED'],
  ]);
  await keyv.disconnect();
});
