import {
  CacheArgumentError,
  createCache,
  createSqliteStore,
  EmbeddingCache,
  ResponseCache,
  StreamCache,
  ToolResultCache,
} from '@hotpath/cache';
import { expect, it } from 'vitest';

const RENAMED = /is not an option; durations are in milliseconds and end in Ms: use /;

it('rejects every old duration name of createCache with a typed error naming the new one', async () => {
  const cases: Array<[object, string]> = [
    [{ ttl: 1 }, 'options.ttlMs'],
    [{ grace: 1 }, 'options.graceMs'],
    [{ timeout: 1 }, 'options.timeoutMs'],
    [{ softTimeout: 1 }, 'options.softTimeoutMs'],
    [{ backoff: { base: 1 } }, 'options.backoff.baseMs'],
    [{ backoff: { max: 1 } }, 'options.backoff.maxMs'],
    [{ adaptiveTtl: { max: 1 } }, 'options.adaptiveTtl.maxMs'],
  ];
  for (const [options, spelling] of cases) {
    const error = await createCache(options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CacheArgumentError);
    expect(error).toMatchObject({ code: 'HOTPATH_CACHE_INVALID_ARGUMENT' });
    expect((error as Error).message).toMatch(RENAMED);
    expect((error as Error).message).toContain(spelling);
  }
});

it('rejects the old names of the l2 options and of a misspelt option', async () => {
  await using store = await createSqliteStore({ path: ':memory:' });
  for (const key of ['timeout', 'retryAfter', 'maxRetryAfter']) {
    await expect(createCache({ l2: { store, [key]: 1 } as never })).rejects.toThrow(
      `use options.l2.${key}Ms.`,
    );
  }
  await expect(createCache({ maxx: 1 } as never)).rejects.toThrow(/options.maxx is not an option/);
});

it('rejects old per-call names of set and getOrSet', async () => {
  await using cache = await createCache();
  await expect(cache.set('k', 1, { ttl: 1 } as never)).rejects.toThrow('use options.ttlMs.');
  await expect(cache.set('k', 1, { ttlMs: 1, grace: 1 } as never)).rejects.toThrow(
    'use options.graceMs.',
  );
  // setSync checks only an options object with no known key (see Cache#syncSpec).
  expect(() => cache.setSync('k', 1, { ttl: 1 } as never)).toThrow(CacheArgumentError);
  expect(() => cache.setSync('k', 1, { grace: 1 } as never)).toThrow('use options.graceMs.');
  await expect(cache.getOrSet('k', () => 1, { timeout: 1 } as never)).rejects.toThrow(
    'use options.timeoutMs.',
  );
  await expect(cache.getOrSet('k', () => 1, { grace: 1 } as never)).rejects.toThrow(
    'use options.graceMs.',
  );
});

it('rejects the old ttl names of the LLM caches when they are made', async () => {
  await using cache = await createCache();
  expect(() => new ResponseCache({ cache, ttl: 1 } as never)).toThrow('use options.ttlMs.');
  expect(() => new StreamCache({ cache, ttl: 1 } as never)).toThrow('use options.ttlMs.');
  expect(() => new EmbeddingCache({ cache, ttl: 1 } as never)).toThrow('use options.ttlMs.');
  expect(() => new ToolResultCache({ cache, defaultTtl: 1 } as never)).toThrow(
    'use options.defaultTtlMs.',
  );
  expect(() => new ToolResultCache({ cache, tools: { read: { ttl: 1 } } } as never)).toThrow(
    'use options.tools.read.ttlMs.',
  );
});
