import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createCache, createSqliteStore, type GetOrSetStatus } from '@hotpath/cache';
import { expect, it } from 'vitest';
import { deferred, tempDir } from './helpers.ts';

it('tells the caller that ran the factory (miss) from those that joined it (shared) and later ones (hit)', async () => {
  await using cache = await createCache();
  const gate = deferred<string>();
  let calls = 0;
  const factory = () => {
    calls++;
    return gate.promise;
  };
  const statuses: GetOrSetStatus[] = Array.from({ length: 5 }, () => ({}));
  const pending = statuses.map((status) => cache.getOrSet('k', factory, { status }));
  gate.resolve('v');
  expect(await Promise.all(pending)).toEqual(Array(5).fill('v'));
  expect(calls).toBe(1);
  expect(statuses.map((s) => s.outcome)).toEqual(['miss', 'shared', 'shared', 'shared', 'shared']);
  const later: GetOrSetStatus = {};
  expect(await cache.getOrSet('k', factory, { status: later })).toBe('v');
  expect(later.outcome).toBe('hit');
});

it('reports the outcome of a failed factory call too', async () => {
  await using cache = await createCache();
  const failing = async () => {
    await sleep(1);
    throw new Error('down');
  };
  const [first, second] = [{}, {}] as GetOrSetStatus[];
  const settled = await Promise.allSettled([
    cache.getOrSet('k', failing, { status: first! }),
    cache.getOrSet('k', failing, { status: second! }),
  ]);
  expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
  expect([first!.outcome, second!.outcome]).toEqual(['miss', 'shared']);
});

it('reports a value found in L2 by callers that joined its lookup as a hit, not shared', async () => {
  using dir = tempDir();
  const path = join(dir.path, 'l2.sqlite');
  {
    await using writer = await createCache({ l2: await createSqliteStore({ path }) });
    await writer.set('k', 'from-l2');
  }
  await using reader = await createCache({ l2: await createSqliteStore({ path }) });
  const statuses: GetOrSetStatus[] = [{}, {}];
  const values = await Promise.all(
    statuses.map((status) => reader.getOrSet('k', () => 'factory', { status })),
  );
  expect(values).toEqual(['from-l2', 'from-l2']);
  expect(statuses.map((s) => s.outcome)).toEqual(['hit', 'hit']);
});

it('reports stale served during grace as a hit, and a refresh waited for as a miss', async () => {
  await using cache = await createCache({ ttlMs: 1, graceMs: 60_000 });
  await cache.set('stale', 'old');
  await cache.set('soft', 'old');
  await sleep(10);
  const stale: GetOrSetStatus = {};
  const never = deferred<string>();
  expect(await cache.getOrSet('stale', () => never.promise, { status: stale })).toBe('old');
  expect(stale.outcome).toBe('hit');
  const soft: GetOrSetStatus = {};
  expect(await cache.getOrSet('soft', () => 'new', { softTimeoutMs: 10_000, status: soft })).toBe(
    'new',
  );
  expect(soft.outcome).toBe('miss');
});

it('rejects a status that is not an object, on the hit path as on the miss path', async () => {
  await using cache = await createCache();
  await cache.set('k', 'v');
  for (const key of ['k', 'missing'])
    await expect(cache.getOrSet(key, () => 'x', { status: 'no' as never })).rejects.toMatchObject({
      code: 'HOTPATH_CACHE_INVALID_ARGUMENT',
    });
});
