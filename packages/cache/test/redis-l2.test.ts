import { setTimeout as sleep } from 'node:timers/promises';
import { createCache, createRedisBus, createRedisStore } from '@hotpath/cache';
import { testCacheStore } from '@hotpath/cache/test-suite';
import { type RedisServer, startRedisServer } from '@hotpath/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let redis: RedisServer;
let n = 0;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});

describe('Redis store (@keyv/redis)', () => {
  testCacheStore(() => createRedisStore({ url: redis.url, namespace: `conformance-${n++}` }), it);
});

it('round-trips typed values through Redis L2 between two instances', async () => {
  const url = redis.url;
  await using a = await createCache({ l2: await createRedisStore({ url, namespace: 'rt' }) });
  await using b = await createCache({ l2: await createRedisStore({ url, namespace: 'rt' }) });
  const value = {
    floats: Float32Array.of(1.5, -2),
    big: 12n,
    when: new Date(3),
    map: new Map([[1, Buffer.from('x')]]),
  };
  await a.set('v', value);
  expect(await b.get('v')).toEqual(value);
  expect(b.stats().l2.hits).toBe(1);
});

it('stores entries with fractional TTLs in Redis, which only takes whole milliseconds', async () => {
  const url = redis.url;
  await using a = await createCache({ l2: await createRedisStore({ url, namespace: 'ttl' }) });
  await using b = await createCache({ l2: await createRedisStore({ url, namespace: 'ttl' }) });
  await a.set('fraction', 'kept', { ttlMs: 60_000.5 });
  await a.set('tagged', 'kept too', { ttlMs: 1234.25, tags: ['t'] });
  expect(a.stats().l2.errors).toBe(0);
  expect(await b.get('fraction')).toBe('kept');
  expect(await b.get('tagged')).toBe('kept too');
});

it('invalidates other instances L1 copies over the pub/sub bus, sending keys but never values', async () => {
  const url = redis.url;
  const seen: string[] = [];
  const spy = await createRedisBus({ url });
  await spy.subscribe((message) => seen.push(JSON.stringify(message)));
  await using a = await createCache({
    l2: await createRedisStore({ url, namespace: 'bus' }),
    bus: await createRedisBus({ url }),
  });
  await using b = await createCache({
    l2: await createRedisStore({ url, namespace: 'bus' }),
    bus: await createRedisBus({ url }),
  });
  await a.set('k', 'secret-v1');
  expect(await b.get('k')).toBe('secret-v1');
  expect(b.getSync('k')).toBe('secret-v1');
  await a.set('k', 'secret-v2');
  while (b.getSync('k') !== undefined) await sleep(5);
  expect(await b.get('k')).toBe('secret-v2');
  await a.invalidateTags(['t']);
  while (!seen.some((m) => m.includes('"tags"'))) await sleep(5);
  expect(seen.some((m) => m.includes('"keys":["k"]'))).toBe(true);
  expect(seen.some((m) => m.includes('secret'))).toBe(false);
  await spy.close();
});
