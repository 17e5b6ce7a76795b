import {
  CacheArgumentError,
  CacheClosedError,
  createCache,
  createSqliteStore,
  FactoryTimeoutError,
} from '@hotpath/cache';
import { expect, it } from 'vitest';

// Values node:v8 cannot serialise, hidden inside an object (a bare function or symbol is refused
// by the top-level check already).
const unserialisable: Array<[string, unknown]> = [
  ['a nested function', { run: () => 1 }],
  ['a nested symbol', { tag: Symbol('s') }],
  ['a WeakMap', { map: new WeakMap() }],
  ['a promise', [Promise.resolve(1)]],
];

it.each(unserialisable)(
  'set() of %s with an L2 rejects with CacheArgumentError and leaves the old value in place',
  async (_, value) => {
    await using cache = await createCache({ l2: await createSqliteStore({ path: ':memory:' }) });
    await cache.set('k', 'old');
    const error = await cache.set('k', value).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CacheArgumentError);
    expect(error).toMatchObject({ code: 'HOTPATH_CACHE_INVALID_ARGUMENT' });
    expect(await cache.get('k')).toBe('old');
    expect(cache.stats().entries).toBe(1);
  },
);

it.each(unserialisable)(
  'with maxBytes, set, setSync and getOrSet of %s throw CacheArgumentError, never a bare Error',
  async (_, value) => {
    await using cache = await createCache({ maxBytes: 1_000_000 });
    await expect(cache.set('k', value)).rejects.toBeInstanceOf(CacheArgumentError);
    expect(() => cache.setSync('k', value)).toThrow(CacheArgumentError);
    await expect(cache.getOrSet('g', async () => value)).rejects.toBeInstanceOf(CacheArgumentError);
    expect(cache.stats().entries).toBe(0);
  },
);

it('an L1-only cache keeps a value holding a function as it is, and stats() still answers', async () => {
  await using cache = await createCache();
  const value = { run: () => 1 };
  await cache.set('k', value);
  expect(cache.getSync('k')).toBe(value);
  expect(cache.stats().bytes).toBeGreaterThan(0);
});

it('a sizeOf that returns NaN, a negative number or throws is refused with CacheArgumentError, so the byte bound holds', async () => {
  for (const sizeOf of [() => Number.NaN, () => -5, () => '12' as unknown as number]) {
    await using cache = await createCache({ maxBytes: 100, sizeOf });
    expect(() => cache.setSync('k', 'v')).toThrow(CacheArgumentError);
    expect(cache.stats().entries).toBe(0);
  }
  await using throwing = await createCache({
    maxBytes: 100,
    sizeOf: () => {
      throw new RangeError('cannot size');
    },
  });
  await expect(throwing.set('k', 'v')).rejects.toBeInstanceOf(CacheArgumentError);
});

it('getOrSet refuses a factory result that is a function or a symbol, as set() does', async () => {
  await using cache = await createCache();
  await expect(cache.getOrSet('f', async () => () => 1)).rejects.toBeInstanceOf(CacheArgumentError);
  await expect(cache.getOrSet('s', async () => Symbol('s'))).rejects.toBeInstanceOf(
    CacheArgumentError,
  );
  expect(cache.getSync('f')).toBeUndefined();
});

it('timeouts longer than a Node timer can hold are refused, and Infinity means no bound', async () => {
  const tooLong = 2 ** 31;
  await expect(createCache({ timeoutMs: tooLong })).rejects.toBeInstanceOf(CacheArgumentError);
  await expect(createCache({ softTimeoutMs: tooLong })).rejects.toBeInstanceOf(CacheArgumentError);
  await expect(
    createCache({
      l2: { store: await createSqliteStore({ path: ':memory:' }), timeoutMs: tooLong },
    }),
  ).rejects.toBeInstanceOf(CacheArgumentError);
  await using cache = await createCache();
  const slow = () => new Promise<string>((resolve) => setTimeout(resolve, 30, 'slow'));
  await expect(cache.getOrSet('a', slow, { timeoutMs: tooLong })).rejects.toBeInstanceOf(
    CacheArgumentError,
  );
  // Node fires an over-long timer after 1 ms: this used to fail with FactoryTimeoutError.
  await expect(cache.getOrSet('b', slow, { timeoutMs: tooLong - 1 })).resolves.toBe('slow');
  await expect(cache.getOrSet('c', slow, { timeoutMs: Infinity })).resolves.toBe('slow');
  await expect(cache.getOrSet('d', slow, { timeoutMs: 1 })).rejects.toBeInstanceOf(
    FactoryTimeoutError,
  );
});

it('softTimeoutMs Infinity waits for the refresh instead of serving stale after 1 ms', async () => {
  await using cache = await createCache({ ttlMs: 1, graceMs: 60_000 });
  await cache.set('k', 'stale');
  await new Promise((resolve) => setTimeout(resolve, 5));
  const refresh = () => new Promise<string>((resolve) => setTimeout(resolve, 30, 'fresh'));
  await expect(cache.getOrSet('k', refresh, { softTimeoutMs: Infinity })).resolves.toBe('fresh');
});

it('an L2 timeoutMs of Infinity waits for the store instead of timing every call out', async () => {
  const store = await createSqliteStore({ path: ':memory:' });
  // A keyv-like store that answers asynchronously, so the L2 bound applies to it.
  const slowStore = {
    get: async (key: string) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return store.get(key);
    },
    set: async (key: string, value: unknown, ttl?: number) => store.set(key, value, ttl),
    delete: async (key: string) => store.delete(key),
    clear: async () => store.clear(),
  };
  await using cache = await createCache({ l2: { store: slowStore, timeoutMs: Infinity } });
  await cache.set('k', 'v');
  await using other = await createCache({ l2: { store: slowStore, timeoutMs: Infinity } });
  expect(await other.get('k')).toBe('v');
  expect(other.stats().l2.errors).toBe(0);
});

it('close() rejects a pending getOrSet with CacheClosedError, not a bare Error', async () => {
  const cache = await createCache();
  const pending = cache.getOrSet(
    'k',
    ({ signal }) =>
      new Promise<string>((_, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason)),
      ),
  );
  await cache.close();
  await expect(pending).rejects.toBeInstanceOf(CacheClosedError);
});

it('every operation after close() rejects with CacheClosedError: no write is dropped silently', async () => {
  const cache = await createCache();
  await cache.close();
  for (const use of [
    () => cache.get('k'),
    () => cache.has('k'),
    () => cache.delete('k'),
    () => cache.clear(),
    () => cache.invalidateTags(['t']),
    () => cache.namespace('ns').clear(),
  ]) {
    await expect(use()).rejects.toBeInstanceOf(CacheClosedError);
  }
});
