import { setTimeout as delay } from 'node:timers/promises';
import { unhandledRejections } from '@hotpath/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createBatcher, first, limit, map, runGraph, singleFlight } from '../src/index.ts';

const unhandled = unhandledRejections();

beforeEach(() => unhandled.start());

afterEach(async () => {
  // Let abandoned tasks settle and a possible unhandled rejection be reported.
  await delay(50);
  await new Promise((resolve) => setImmediate(resolve));
  unhandled.stop();
  expect(unhandled.seen()).toEqual([]);
});

it('map fail-fast: tasks that fail after the first error are observed', async () => {
  await expect(
    map(
      [1, 2, 3, 4],
      async (n) => {
        await delay(n * 5);
        throw new Error(`task ${n}`);
      },
      { concurrency: 4 },
    ),
  ).rejects.toThrow('task 1');
});

it('map fail-fast with an async source and timeouts', async () => {
  async function* source(): AsyncGenerator<number> {
    for (let i = 0; i < 10; i++) yield i;
  }
  await expect(
    map(source(), (n) => (n === 0 ? Promise.reject(new Error('first')) : new Promise(() => {})), {
      concurrency: 3,
      timeoutMs: 10,
    }),
  ).rejects.toThrow('first');
});

it('first: losers that reject after the winner are observed', async () => {
  const value = await first([
    async () => 'win',
    async () => {
      await delay(10);
      throw new Error('late loser');
    },
    async ({ signal }) => {
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      throw signal.reason;
    },
  ]);
  expect(value).toBe('win');
});

it('runGraph: a failure with running siblings and cancelled dependents', async () => {
  const result = await runGraph({
    a: { run: () => Promise.reject(new Error('a failed')) },
    b: { deps: ['a'], run: () => 'never' },
    c: { run: () => delay(10).then(() => Promise.reject(new Error('c failed'))) },
  });
  expect(result.failures.map((f) => f.task)).toEqual(['a', 'c']);
});

it('limit.clear: the rejected pending calls can be caught by the caller', async () => {
  const run = limit(1);
  const running = run(() => delay(10));
  const pending = run(() => 'never');
  run.clear();
  await expect(pending).rejects.toMatchObject({ code: 'HOTPATH_EXECUTOR_LIMIT_CLEARED' });
  await running;
});

it('batcher: a failing batch and aborted callers', async () => {
  const batcher = createBatcher(async (): Promise<string[]> => {
    throw new Error('batch failed');
  });
  const controller = new AbortController();
  const aborted = batcher.load('a', { signal: controller.signal });
  controller.abort(new Error('gone'));
  await expect(aborted).rejects.toThrow('gone');
  await expect(batcher.load('b')).rejects.toThrow('batch failed');
});

it('singleFlight: every caller gone, then the shared call rejects', async () => {
  const flights = singleFlight<string, string>();
  const controller = new AbortController();
  const call = flights.run(
    'k',
    async (signal) => {
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      throw new Error('shared call aborted');
    },
    { signal: controller.signal },
  );
  controller.abort(new Error('caller left'));
  await expect(call).rejects.toThrow('caller left');
});
