import { CacheArgumentError, createCache, createSqliteStore } from '@hotpath/cache';
import { expect, it } from 'vitest';

it('rejects keys that are not non-empty strings with a TypeError naming the argument', async () => {
  await using cache = await createCache();
  for (const key of [undefined, null, 1, {}, '', Symbol('k')]) {
    expect(() => cache.getSync(key as unknown as string)).toThrow(TypeError);
    expect(() => cache.getSync(key as unknown as string)).toThrow(
      /^key must be a non-empty string/,
    );
    await expect(cache.set(key as unknown as string, 1)).rejects.toBeInstanceOf(CacheArgumentError);
  }
});

it('rejects values that cannot be cached', async () => {
  await using cache = await createCache();
  for (const value of [undefined, () => 1, Symbol('v')]) {
    await expect(cache.set('k', value)).rejects.toMatchObject({
      code: 'HOTPATH_CACHE_INVALID_ARGUMENT',
    });
    expect(() => cache.setSync('k', value)).toThrow(TypeError);
  }
  await expect(cache.getOrSet('k', () => undefined)).rejects.toThrow(/factory result/);
  await expect(cache.getOrSet('k', 'nope' as never)).rejects.toThrow(/factory must be a function/);
});

it('rejects bad options', async () => {
  await expect(createCache({ max: 0 })).rejects.toThrow(/options.max must be a positive integer/);
  await expect(createCache({ ttlMs: -1 })).rejects.toThrow(TypeError);
  await expect(createCache({ l2: {} as never })).rejects.toThrow(/options.l2/);
  await using cache = await createCache();
  await expect(cache.set('k', 1, { tags: 'users' as never })).rejects.toThrow(
    /options.tags must be an array/,
  );
  await expect(cache.getOrSet('k', () => 1, { signal: {} as never })).rejects.toThrow(
    /AbortSignal/,
  );
  await using store = await createSqliteStore({ path: ':memory:' });
  await expect(store.set(42 as never, 'v')).rejects.toThrow(TypeError);
  for (const purgeEvery of [0, -1, 1.5, Number.NaN, '10' as never]) {
    await expect(createSqliteStore({ path: ':memory:', purgeEvery })).rejects.toMatchObject({
      code: 'HOTPATH_CACHE_INVALID_ARGUMENT',
      message: expect.stringMatching(/options.purgeEvery/),
    });
  }
});

it('refuses use after close', async () => {
  const cache = await createCache();
  await cache.close();
  await expect(cache.set('k', 1)).rejects.toMatchObject({ code: 'HOTPATH_CACHE_CLOSED' });
});
