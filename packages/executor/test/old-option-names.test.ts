import {
  createBatcher,
  createRateLimiter,
  first,
  InvalidArgumentError,
  map,
  runGraph,
} from '@hotpath/executor';
import { expect, it } from 'vitest';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ code: 'HOTPATH_EXECUTOR_INVALID_ARGUMENT' });
    return (error as Error).message;
  }
  throw new Error('did not throw');
}

it('rejects the old timeout of map and first, naming timeoutMs, before any task starts', () => {
  let started = 0;
  const task = () => ++started;
  expect(messageOf(() => map([1], task, { timeout: 10 } as never))).toBe(
    'options.timeout is not an option; durations are in milliseconds and end in Ms: use options.timeoutMs.',
  );
  expect(messageOf(() => first([task], { timeout: 10 } as never))).toContain(
    'use options.timeoutMs.',
  );
  expect(started).toBe(0);
});

it('rejects misspelt options of runGraph, createBatcher and createRateLimiter', () => {
  expect(messageOf(() => runGraph({}, { concurency: 2 } as never))).toMatch(
    /^options.concurency is not an option; options accepts concurrency, signal\.$/,
  );
  expect(messageOf(() => createBatcher(async (k) => k, { maxWait: 5 } as never))).toContain(
    'use options.maxWaitMs.',
  );
  expect(
    messageOf(() =>
      createRateLimiter({ limits: [{ name: 'rpm', limit: 1, interval: 1000 }] } as never),
    ),
  ).toContain('use options.limits[0].intervalMs.');
  expect(
    messageOf(() => createRateLimiter({ limits: [{ name: 'rpm', limit: 1 }], jiter: 0 } as never)),
  ).toContain('options.jiter is not an option');
});
