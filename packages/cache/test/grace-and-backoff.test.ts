import { setTimeout as sleep } from 'node:timers/promises';
import { createCache } from '@hotpath/cache';
import { expect, it } from 'vitest';
import { deferred } from './helpers.ts';

it('serves the stale value during grace while one refresh runs in the background', async () => {
  await using cache = await createCache({ ttlMs: 1, graceMs: 60_000 });
  await cache.set('k', 'old');
  await sleep(10);
  const gate = deferred<string>();
  let calls = 0;
  const refresh = () => {
    calls++;
    return gate.promise;
  };
  expect(await cache.getOrSet('k', refresh, { ttlMs: 60_000 })).toBe('old');
  expect(await cache.getOrSet('k', refresh, { ttlMs: 60_000 })).toBe('old');
  expect(calls).toBe(1);
  gate.resolve('new');
  await gate.promise;
  await sleep(0);
  expect(await cache.getOrSet('k', refresh, { ttlMs: 60_000 })).toBe('new');
  expect(cache.stats().staleServed).toBe(2);
});

it('waits up to the soft timeout for the refresh, then serves stale', async () => {
  await using cache = await createCache({ ttlMs: 1, graceMs: 60_000 });
  await cache.set('fast', 'old');
  await cache.set('slow', 'old');
  await sleep(10);
  expect(await cache.getOrSet('fast', () => 'new', { softTimeoutMs: 10_000 })).toBe('new');
  const never = deferred<string>();
  expect(await cache.getOrSet('slow', () => never.promise, { softTimeoutMs: 5 })).toBe('old');
});

it('serves stale when the refresh fails and backs off instead of hammering the factory', async () => {
  await using cache = await createCache({ ttlMs: 1, graceMs: 60_000, backoff: { baseMs: 60_000 } });
  await cache.set('k', 'old');
  await sleep(10);
  let calls = 0;
  const failing = async () => {
    calls++;
    throw new Error('upstream 500');
  };
  expect(await cache.getOrSet('k', failing, { softTimeoutMs: 10_000 })).toBe('old');
  for (let i = 0; i < 20; i++) expect(await cache.getOrSet('k', failing)).toBe('old');
  expect(calls).toBe(1);
  expect(cache.stats().factory.errors).toBe(1);
});

it('retries a failing refresh after the backoff window', async () => {
  await using cache = await createCache({ ttlMs: 1, graceMs: 60_000, backoff: { baseMs: 20 } });
  await cache.set('k', 'old');
  await sleep(10);
  let calls = 0;
  const failing = async () => {
    calls++;
    throw new Error('still down');
  };
  await cache.getOrSet('k', failing, { softTimeoutMs: 10_000 });
  await sleep(60);
  expect(await cache.getOrSet('k', () => 'recovered', { softTimeoutMs: 10_000 })).toBe('recovered');
  expect(calls).toBe(1);
});

it('treats entries past ttl + grace as missing', async () => {
  await using cache = await createCache({ ttlMs: 1, graceMs: 1 });
  await cache.set('k', 'old');
  await sleep(20);
  expect(cache.getSync('k')).toBeUndefined();
  expect(await cache.getOrSet('k', () => 'new')).toBe('new');
});
