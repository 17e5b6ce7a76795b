import { setTimeout as sleep } from 'node:timers/promises';
import { createCache } from '@hotpath/cache';
import { expect, it } from 'vitest';
import { deferred } from './helpers.ts';

it('runs the factory once for 1,000 concurrent callers, all get its result', async () => {
  await using cache = await createCache();
  let calls = 0;
  const factory = async () => {
    calls++;
    await sleep(20);
    return { answer: 42 };
  };
  const results = await Promise.all(
    Array.from({ length: 1000 }, () => cache.getOrSet('k', factory)),
  );
  expect(calls).toBe(1);
  expect(new Set(results).size).toBe(1);
  expect(results[0]).toEqual({ answer: 42 });
  expect(cache.stats().coalesced).toBe(999);
  expect(await cache.getOrSet('k', factory)).toBe(results[0]);
  expect(calls).toBe(1);
});

it('gives every concurrent caller the factory error, then retries on the next call', async () => {
  await using cache = await createCache();
  let calls = 0;
  const failing = async () => {
    calls++;
    await sleep(5);
    throw new Error('upstream down');
  };
  const settled = await Promise.allSettled(
    Array.from({ length: 10 }, () => cache.getOrSet('k', failing)),
  );
  expect(settled.map((s) => s.status)).toEqual(Array(10).fill('rejected'));
  expect(calls).toBe(1);
  expect(await cache.getOrSet('k', () => 'ok')).toBe('ok');
  expect(cache.stats().factory).toEqual({ calls: 2, errors: 1, timeouts: 0 });
});

it("lets one caller abort without cancelling the others' shared factory", async () => {
  await using cache = await createCache();
  const gate = deferred<string>();
  let factorySignal: AbortSignal | undefined;
  const factory = ({ signal }: { signal: AbortSignal }) => {
    factorySignal = signal;
    return gate.promise;
  };
  const controller = new AbortController();
  const quitter = cache.getOrSet('k', factory, { signal: controller.signal });
  const stayer = cache.getOrSet('k', factory);
  controller.abort(new Error('user left'));
  await expect(quitter).rejects.toThrow('user left');
  expect(factorySignal?.aborted).toBe(false);
  gate.resolve('done');
  expect(await stayer).toBe('done');
});

it('aborts the factory when every waiting caller aborted', async () => {
  await using cache = await createCache();
  const started = deferred<AbortSignal>();
  const factory = ({ signal }: { signal: AbortSignal }) => {
    started.resolve(signal);
    return new Promise<string>((_, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason)),
    );
  };
  const a = new AbortController();
  const b = new AbortController();
  const calls = [a, b].map((c) => cache.getOrSet('k', factory, { signal: c.signal }));
  const signal = await started.promise;
  a.abort(new Error('a'));
  b.abort(new Error('b'));
  await expect(Promise.all(calls)).rejects.toThrow('a');
  await expect(calls[1]).rejects.toThrow('b');
  expect(signal.aborted).toBe(true);
  expect(await cache.getOrSet('k', () => 'fresh')).toBe('fresh');
});

it('rejects a waiter with HOTPATH_CACHE_FACTORY_TIMEOUT and still stores the late result', async () => {
  await using cache = await createCache();
  const gate = deferred<string>();
  await expect(cache.getOrSet('k', () => gate.promise, { timeoutMs: 10 })).rejects.toMatchObject({
    code: 'HOTPATH_CACHE_FACTORY_TIMEOUT',
  });
  gate.resolve('late');
  await gate.promise;
  await sleep(0);
  expect(cache.getSync('k')).toBe('late');
  expect(cache.stats().factory.timeouts).toBe(1);
});
