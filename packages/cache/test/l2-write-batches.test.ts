import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_CHANNELS, createCache, createSqliteStore, type SqliteStore } from '../src/index.ts';
import { tempDir } from './helpers.ts';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Counts the transactions (`setMany` calls) and single writes the SQLite store takes. */
function counted(store: SqliteStore): { batches: number[]; singles: number } {
  const seen = { batches: [] as number[], singles: 0 };
  const { setMany, set } = store;
  store.setMany = (entries) => {
    seen.batches.push(entries.length);
    return setMany.call(store, entries);
  };
  store.set = (key, value, ttl) => {
    seen.singles++;
    return set.call(store, key, value, ttl);
  };
  return seen;
}

describe('background L2 writes in batches', () => {
  it('entries written in one turn of the loop reach SQLite in one transaction, and another process reads every one', async () => {
    using dir = tempDir();
    const path = join(dir.path, 'cache.sqlite');
    const store = await createSqliteStore({ path });
    const seen = counted(store);
    const first = await createCache({ l2: store });
    for (let i = 0; i < 5; i++) first.setSync(`k${i}`, { i });
    first.setSync('k0', { i: 'newest' });
    await nextTurn();
    expect(seen).toEqual({ batches: [5], singles: 0 });
    await first.close();
    await using second = await createCache({ l2: await createSqliteStore({ path }) });
    expect(await second.get('k0')).toEqual({ i: 'newest' });
    for (let i = 1; i < 5; i++) expect(await second.get(`k${i}`)).toEqual({ i });
  });

  it('a miss calls its factory at once when the SQLite L2 has nothing: no turn of the queue is waited for', async () => {
    using dir = tempDir();
    await using cache = await createCache({
      l2: await createSqliteStore({ path: join(dir.path, 'cache.sqlite') }),
    });
    const calls: string[] = [];
    const answer = cache.getOrSet('k', () => {
      calls.push('factory');
      return 1;
    });
    calls.push('returned');
    expect(await answer).toBe(1);
    expect(calls).toEqual(['factory', 'returned']);
  });

  it('an awaited set() of a key whose background write is still due wins: the older value never lands after it', async () => {
    using dir = tempDir();
    const path = join(dir.path, 'cache.sqlite');
    const first = await createCache({ l2: await createSqliteStore({ path }) });
    first.setSync('k', 'older');
    await first.set('k', 'newer');
    await first.close();
    await using second = await createCache({ l2: await createSqliteStore({ path }) });
    expect(await second.get('k')).toBe('newer');
  });

  it('a key deleted before its background write is not written back', async () => {
    using dir = tempDir();
    const path = join(dir.path, 'cache.sqlite');
    const first = await createCache({ l2: await createSqliteStore({ path }) });
    first.setSync('gone', 1);
    first.setSync('kept', 2);
    await first.delete('gone');
    await first.close();
    await using second = await createCache({ l2: await createSqliteStore({ path }) });
    expect(await second.get('gone')).toBeUndefined();
    expect(await second.get('kept')).toBe(2);
  });

  it('when the transaction fails, every entry of the batch is counted and published as a failed L2 write', async () => {
    using dir = tempDir();
    const store = await createSqliteStore({ path: join(dir.path, 'cache.sqlite') });
    const events: Array<{ operation: string; key: string | undefined }> = [];
    const listener = (message: unknown) => {
      const { operation, key } = message as { operation: string; key: string | undefined };
      events.push({ operation, key });
    };
    subscribe(CACHE_CHANNELS.error, listener);
    try {
      const cache = await createCache({ l2: store });
      await store.disconnect();
      for (const key of ['a', 'b', 'c']) cache.setSync(key, key);
      await nextTurn();
      await nextTurn();
      expect(events).toEqual(['a', 'b', 'c'].map((key) => ({ operation: 'l2.set', key })));
      expect(cache.stats().l2.errors).toBe(3);
      // Still answered from L1: only the persistent copy was lost, and that was reported.
      expect(cache.getSync('b')).toBe('b');
      await cache.close();
    } finally {
      unsubscribe(CACHE_CHANNELS.error, listener);
    }
  });

  it('a value the store cannot encode is reported for its own key, and the rest of the batch is written', async () => {
    using dir = tempDir();
    const path = join(dir.path, 'cache.sqlite');
    const keys: Array<string | undefined> = [];
    const listener = (message: unknown) => keys.push((message as { key?: string }).key);
    subscribe(CACHE_CHANNELS.error, listener);
    try {
      const first = await createCache({ l2: await createSqliteStore({ path }) });
      first.setSync('ok', 1);
      // A symbol inside an object passes the cache's own check but not node:v8's serializer.
      first.setSync('bad', { symbol: Symbol('not serialisable') });
      first.setSync('also-ok', 2);
      await first.close();
      expect(keys).toEqual(['bad']);
      await using second = await createCache({ l2: await createSqliteStore({ path }) });
      expect([await second.get('ok'), await second.get('also-ok')]).toEqual([1, 2]);
    } finally {
      unsubscribe(CACHE_CHANNELS.error, listener);
    }
  });
});
