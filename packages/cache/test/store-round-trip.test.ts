import { join } from 'node:path';
import { createCache, openSqliteStore } from '@hotpath/cache';
import { propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { anyString, anyValue, expectExactly } from './arbitraries.ts';
import { tempDir } from './helpers.ts';

describe('SQLite store round-trip', () => {
  it('the store alone returns every value exactly as the cache does (L1 bypassed), both equal to what was stored', async () => {
    using dir = tempDir();
    const path = join(dir.path, 'round-trip.sqlite');
    await using store = openSqliteStore({ path, table: 'alone' });
    await using writer = await createCache({ l2: openSqliteStore({ path }) });
    // A second cache on the same file: its L1 never saw the keys, so every get reads L2.
    await using reader = await createCache({ l2: openSqliteStore({ path }) });
    let n = 0;
    for (const seed of propertySeeds('store round-trip')) {
      await fc.assert(
        fc.asyncProperty(anyValue, async (value) => {
          const key = `k${n++}`;
          await store.set(key, value);
          await writer.set(key, value);
          const alone = await store.get(key);
          const cached = await reader.get(key);
          expectExactly(alone, value);
          expectExactly(cached, value);
          expectExactly(alone, cached);
        }),
        { seed, numRuns: 150 },
      );
    }
    expect(reader.stats().l2.hits).toBe(n);
    expect(reader.stats().l2.decodeErrors).toBe(0);
  });

  it('two different keys never share a row, in the store alone or through the cache', async () => {
    using dir = tempDir();
    const path = join(dir.path, 'keys.sqlite');
    await using store = openSqliteStore({ path, table: 'alone' });
    await using writer = await createCache({ l2: openSqliteStore({ path }) });
    await using reader = await createCache({ l2: openSqliteStore({ path }) });
    const distinct = fc.uniqueArray(anyString.filter(Boolean), { minLength: 2, maxLength: 6 });
    for (const seed of propertySeeds('store keys')) {
      await fc.assert(
        fc.asyncProperty(distinct, async (keys) => {
          await store.clear();
          await writer.clear();
          for (const [i, key] of keys.entries()) {
            await store.set(key, i);
            await writer.set(key, i);
          }
          for (const [i, key] of keys.entries()) {
            expect(await store.get(key)).toBe(i);
            expect(await reader.get(key)).toBe(i);
          }
          const iterated = new Map<string, unknown>();
          for await (const [key, value] of store.iterator()) iterated.set(key, value);
          expect(iterated).toEqual(new Map(keys.map((key, i) => [key, i])));
          for (const key of keys) await reader.delete(key);
        }),
        { seed, numRuns: 100 },
      );
    }
  });

  it('keyv namespaces with non-ASCII and astral names clear and iterate only their own keys', async () => {
    using dir = tempDir();
    const path = join(dir.path, 'ns.sqlite');
    const names = ['😀', 'é', 'a\uD800', 'a:b', 'a'];
    const stores = names.map(
      (namespace) => new Keyv({ store: openSqliteStore({ path }), namespace }),
    );
    for (const [i, keyv] of stores.entries()) await keyv.set(`key${i}`, i);
    await stores[0]!.clear();
    expect(await stores[0]!.get('key0')).toBeUndefined();
    for (const [i, keyv] of stores.entries()) {
      if (i > 0) expect(await keyv.get(`key${i}`)).toBe(i);
    }
    const seen: unknown[] = [];
    for await (const [key, value] of stores[2]!.iterator!(undefined)) seen.push([key, value]);
    expect(seen).toEqual([['key2', 2]]);
    await Promise.all(stores.map((keyv) => keyv.disconnect()));
  });
});
