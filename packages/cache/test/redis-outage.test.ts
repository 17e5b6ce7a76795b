import { setTimeout as sleep } from 'node:timers/promises';
import { BusConnectError, createCache, createRedisBus, createRedisStore } from '@hotpath/cache';
import { startRedisServer, unhandledRejections } from '@hotpath/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';

const unhandled = unhandledRejections();
beforeEach(() => unhandled.start());
afterEach(() => unhandled.stop());

it('keeps answering from L1 and factories while Redis is down, counts L2 errors, and resumes when it returns', async () => {
  await using redis = await startRedisServer();
  const l2 = {
    store: await createRedisStore({ url: redis.url, namespace: 'outage' }),
    timeoutMs: 500,
    retryAfterMs: 50,
    maxRetryAfterMs: 200,
  };
  await using cache = await createCache({ l2 });
  await cache.set('warm', 'in L1 and Redis');
  await redis.stop();

  let factoryCalls = 0;
  const factory = async () => `computed ${++factoryCalls}`;
  const answers = await Promise.all([
    cache.getOrSet('cold-1', factory),
    cache.getOrSet('cold-2', factory, { timeoutMs: 5000 }),
    cache.get('warm'),
    cache.get('nowhere'),
    cache.set('written-while-down', 1),
    cache.delete('warm-2'),
    cache.has('nowhere'),
  ]);
  expect(answers.slice(0, 4)).toEqual(['computed 1', 'computed 2', 'in L1 and Redis', undefined]);
  expect(cache.getSync('written-while-down')).toBe(1);
  for (let i = 0; i < 50; i++) await cache.getOrSet(`burst-${i}`, factory);
  expect(factoryCalls).toBe(52);
  const down = cache.stats().l2;
  expect(down.errors).toBeGreaterThan(0);
  expect(down.errors + down.skipped).toBeGreaterThanOrEqual(50);

  await redis.start();
  // Poll until the store is probed again and accepts a write (the backoff window is at most 200 ms).
  await using reader = await createCache({
    l2: { store: await createRedisStore({ url: redis.url, namespace: 'outage' }) },
  });
  let attempt = 0;
  while ((await reader.get(`after-${attempt}`)) === undefined) {
    attempt++;
    await cache.set(`after-${attempt}`, 'back');
    await sleep(25);
  }
  expect(await reader.get(`after-${attempt}`)).toBe('back');
  expect(unhandled.seen()).toEqual([]);
});

it('answers from the factory when Redis is unreachable from the start', async () => {
  const redis = await startRedisServer();
  await redis.stop();
  await using cache = await createCache({
    l2: { store: await createRedisStore({ url: redis.url }), timeoutMs: 300 },
  });
  expect(await cache.getOrSet('k', () => 'fallback')).toBe('fallback');
  expect(await cache.get('k')).toBe('fallback');
  expect(cache.stats().l2.errors).toBeGreaterThanOrEqual(1);
  expect(unhandled.seen()).toEqual([]);
});

it('rejects a bus whose Redis is unreachable within its connect timeout, and stops reconnecting', async () => {
  const redis = await startRedisServer();
  await redis.stop();
  const url = redis.url.replace('redis://', 'redis://user:secret@');
  const failure = await createRedisBus({ url, connectTimeoutMs: 300 }).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(BusConnectError);
  expect(failure).toMatchObject({ code: 'HOTPATH_CACHE_BUS_CONNECT_FAILED' });
  expect(String((failure as Error).message)).not.toContain('secret');
  await expect(createRedisBus({ url, connectTimeoutMs: 0 })).rejects.toMatchObject({
    code: 'HOTPATH_CACHE_INVALID_ARGUMENT',
  });
  expect(unhandled.seen()).toEqual([]);
});
