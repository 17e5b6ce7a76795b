import { describe, expect, it } from 'vitest';
import {
  createBatcher,
  createRateLimiter,
  first,
  InvalidArgumentError,
  limit,
  map,
  runGraph,
  singleFlight,
} from '../src/index.ts';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function expectArgumentError(fn: () => unknown, argument: string): void {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(TypeError);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect(error).toMatchObject({ code: 'HOTPATH_EXECUTOR_INVALID_ARGUMENT' });
  expect((error as Error).message).toContain(argument);
}

const noop = (): void => {};

describe('bad arguments throw a TypeError naming the argument', () => {
  it.each([0, -1, Number.NaN, 1.5, '4', null])('map with concurrency %s', (concurrency) => {
    expectArgumentError(
      () => map([1], noop, { concurrency: concurrency as number }),
      'options.concurrency',
    );
  });

  it.each([0, Number.NaN, -3])('limit(%s)', (concurrency) => {
    expectArgumentError(() => limit(concurrency), 'concurrency');
  });

  it('non-functions and non-iterables', () => {
    expectArgumentError(() => map([1], 'nope' as never), 'fn');
    expectArgumentError(() => map(42 as never, noop), 'input');
    expectArgumentError(() => limit(2)('nope' as never), 'fn');
    expectArgumentError(() => createBatcher(null as never), 'loadMany');
    expectArgumentError(() => first([noop, 1 as never]), 'fns[1]');
    expectArgumentError(() => singleFlight().run('k', {} as never), 'fn');
  });

  it('bad options', () => {
    expectArgumentError(() => map([1], noop, { timeoutMs: Number.NaN }), 'options.timeoutMs');
    expectArgumentError(() => map([1], noop, { signal: {} as AbortSignal }), 'options.signal');
    expectArgumentError(
      () => createBatcher(noop as never, { maxBatchSize: 0 }),
      'options.maxBatchSize',
    );
    expectArgumentError(() => runGraph({}, { concurrency: 0 }), 'options.concurrency');
    expectArgumentError(() => createRateLimiter({ limits: [] }), 'options.limits');
    expectArgumentError(
      () => createRateLimiter({ limits: [{ name: 'rpm', limit: Number.NaN }] }),
      'options.limits[0].limit',
    );
  });

  it('runGraph rejects a task without run before starting anything', async () => {
    await expect(runGraph({ a: { run: 'x' as never } })).rejects.toMatchObject({
      code: 'HOTPATH_EXECUTOR_INVALID_ARGUMENT',
      message: expect.stringContaining('tasks.a.run'),
    });
  });
});
