import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { join } from 'node:path';
import { createCache, createSqliteStore } from '@hotpath/cache';
import { afterEach, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const events: [string, unknown][] = [];
const names = ['hit', 'miss', 'set', 'delete', 'factory', 'invalidate', 'error', 'stale'];
const listeners = names.map((name) => {
  const listener = (message: unknown) => events.push([name, message]);
  return [`hotpath:cache:${name}`, listener] as const;
});
afterEach(() => {
  for (const [channel, listener] of listeners) unsubscribe(channel, listener);
  events.length = 0;
});

it('counts hits and misses per tier, hit rate, entries and bytes', async () => {
  using dir = tempDir();
  const path = join(dir.path, 's.sqlite');
  await (await createCache({ l2: await createSqliteStore({ path }) })).set(
    'in-l2',
    'x'.repeat(100),
  );
  await using cache = await createCache({ l2: await createSqliteStore({ path }) });
  await cache.get('in-l2');
  await cache.get('in-l2');
  await cache.get('nowhere');
  const stats = cache.stats();
  expect(stats.l1).toEqual({ hits: 1, misses: 2 });
  expect(stats.l2).toMatchObject({ hits: 1, misses: 1, errors: 0 });
  expect(stats.hits).toBe(2);
  expect(stats.misses).toBe(1);
  expect(stats.hitRate).toBeCloseTo(2 / 3);
  expect(stats.entries).toBe(1);
  expect(stats.bytes).toBeGreaterThanOrEqual(200);
});

it('counts synchronous hits of plain, ttl and namespaced entries in one total', async () => {
  await using cache = await createCache();
  const users = cache.namespace('users');
  cache.setSync('plain', 0);
  cache.setSync('nothing', null);
  cache.setSync('timed', 'v', { ttlMs: 60_000 });
  users.setSync('u1', { name: 'Ada' });
  expect([cache.getSync('plain'), cache.getSync('nothing'), cache.getSync('timed')]).toEqual([
    0,
    null,
    'v',
  ]);
  expect(users.getSync('u1')).toEqual({ name: 'Ada' });
  expect(cache.getSync('u1')).toBeUndefined();
  expect(await cache.getOrSet('plain', () => 1)).toBe(0);
  expect(cache.stats().l1).toEqual({ hits: 5, misses: 1 });
  expect(users.stats().l1).toEqual({ hits: 5, misses: 1 });
});

it('bounds L1 by entries and by bytes', async () => {
  await using byCount = await createCache({ max: 3 });
  for (const key of ['a', 'b', 'c', 'd']) byCount.setSync(key, key);
  expect(byCount.getSync('a')).toBeUndefined();
  expect(byCount.stats().entries).toBe(3);
  await using byBytes = await createCache({ maxBytes: 10_000 });
  for (let i = 0; i < 10; i++) byBytes.setSync(`k${i}`, 'x'.repeat(1000));
  expect(byBytes.stats().bytes).toBeLessThanOrEqual(10_000);
  expect(byBytes.stats().entries).toBeLessThan(10);
});

it('publishes events on hotpath:cache:* channels only to subscribers', async () => {
  await using cache = await createCache();
  await cache.set('quiet', 1);
  expect(events).toEqual([]);
  for (const [channel, listener] of listeners) subscribe(channel, listener);
  cache.getSync('quiet');
  await cache.get('quiet');
  cache.getSync('absent');
  await cache.getOrSet('made', () => 2);
  await cache.delete('made');
  await cache.invalidateTags(['t']);
  expect(events.map(([name]) => name)).toEqual([
    'hit',
    'hit',
    'miss',
    'miss',
    'factory',
    'set',
    'delete',
    'invalidate',
  ]);
  expect(events[0]).toEqual(['hit', { key: 'quiet', tier: 'l1' }]);
  expect(events[3]).toEqual(['miss', { key: 'made', tier: 'l1' }]);
});

it('publishes one hit or miss event, with its tier, for every hit and miss it counts', async () => {
  using dir = tempDir();
  const path = join(dir.path, 'l2.sqlite');
  {
    {
      await using first = await createCache({ l2: await createSqliteStore({ path }) });
      await first.getOrSet('a', () => 1);
    }
    await using cache = await createCache({ l2: await createSqliteStore({ path }) });
    for (const [channel, listener] of listeners) subscribe(channel, listener);
    await cache.getOrSet('a', () => 2); // L1 miss, L2 hit
    await cache.getOrSet('a', () => 3); // L1 hit
    await cache.getOrSet('b', () => 4); // L1 miss, L2 miss
    cache.getSync('a'); // L1 hit
    await cache.get('c'); // L1 miss, L2 miss
    const tally: Record<string, number> = {};
    for (const [name, message] of events) {
      const tier = (message as { tier?: string }).tier;
      if (tier !== undefined) tally[`${name}:${tier}`] = (tally[`${name}:${tier}`] ?? 0) + 1;
    }
    const stats = cache.stats();
    expect(tally).toEqual({ 'hit:l1': 2, 'miss:l1': 3, 'hit:l2': 1, 'miss:l2': 2 });
    expect(stats.l1).toEqual({ hits: 2, misses: 3 });
    expect(stats.l2).toMatchObject({ hits: 1, misses: 2 });
  }
});
