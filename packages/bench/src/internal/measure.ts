import { Bench } from 'tinybench';
import type { TaskFn } from '../scenario.ts';

/** Which per-round number stands for a task's cost. */
export type Statistic = 'median' | 'mean';

/** Options of one short measurement. */
export interface MeasureOptions {
  readonly timeMs: number;
  readonly warmup: boolean;
  readonly statistic: Statistic;
  readonly signal?: AbortSignal | undefined;
  /**
   * Whether `fn` returns a promise. tinybench otherwise finds out by calling `fn` once
   * without awaiting it, and that call then runs alongside the first measured ones.
   */
  readonly async?: boolean | undefined;
}

/**
 * Calls `fn` once, awaiting it when it returns a promise, and says whether it did:
 * what tinybench needs to know about a task, found out in the open.
 */
export async function probeTask(fn: TaskFn): Promise<boolean> {
  const result = fn();
  const isAsync =
    typeof result === 'object' &&
    result !== null &&
    typeof (result as PromiseLike<unknown>).then === 'function';
  if (isAsync) await result;
  return isAsync;
}

/**
 * Measures one task for `timeMs` with tinybench and returns its cost in ms per call:
 * the median call (robust to the preemptions of a shared machine) or the mean call
 * (throughput including rare slow calls). Rejects with the task's own error.
 */
export async function measureTask(fn: TaskFn, options: MeasureOptions): Promise<number> {
  const bench = new Bench({
    time: options.timeMs,
    iterations: 1,
    warmup: options.warmup,
    warmupTime: Math.min(options.timeMs, 100),
    warmupIterations: 1,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  bench.add('task', fn, options.async === undefined ? {} : { async: options.async });
  await bench.run();
  const result = bench.tasks[0]!.result;
  if (result.state === 'errored') throw result.error;
  if (result.state !== 'completed') throw new Error(`the measurement ended as ${result.state}`);
  const value = options.statistic === 'mean' ? result.period : result.latency.p50;
  // A call faster than the timer can resolve reads as 0 ms; fall back to the mean then.
  return value > 0 ? value : Math.max(result.period, Number.MIN_VALUE);
}
