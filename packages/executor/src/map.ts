import { type KnownKeys, knownKeys } from '@hotpath/protocol';
import { InvalidArgumentError } from './errors.ts';
import { MapRun } from './internal/map-run.ts';
import { checkFunction, checkRunOptions, checkTimerMs } from './internal/validate.ts';

/** What every task function receives as its third argument. */
export interface TaskContext {
  /**
   * Aborted when the task should stop: the caller's signal aborted, another task failed
   * (fail-fast), or this task's `timeout` elapsed. Created lazily: reading it costs an
   * `AbortController`, not reading it costs nothing.
   */
  readonly signal: AbortSignal;
}

/** The items `map()` accepts: arrays, any iterable, or any async iterable. Pulled lazily. */
export type MapInput<T> = Iterable<T> | AsyncIterable<T>;

/** The function `map()` calls for every item. May return a value or a promise. */
export type Mapper<T, R> = (item: T, index: number, context: TaskContext) => R | PromiseLike<R>;

/** Options of {@link map}. */
export interface MapOptions {
  /**
   * How many tasks run at once (a positive integer or `Infinity`). At most this many items
   * are pulled from the input and not yet finished.
   * @default Infinity
   */
  readonly concurrency?: number;
  /** Aborts the whole call: no new task starts, running tasks see their signal abort, and the promise rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
  /**
   * `true` (fail-fast): the first error rejects the call, stops starting tasks and aborts the
   * running ones. `false` (settle-all): every task runs and the call resolves with one
   * `PromiseSettledResult` per item.
   * @default true
   */
  readonly stopOnError?: boolean;
  /**
   * Per-task timeout in ms. When it elapses the task's signal aborts with a `TimeoutError`
   * (`HOTPATH_EXECUTOR_TIMEOUT`) and the task fails with it. `0` means no timeout.
   * @default 0
   */
  readonly timeoutMs?: number;
}

const OPTIONS: KnownKeys = knownKeys<MapOptions>({
  concurrency: true,
  signal: true,
  stopOnError: true,
  timeoutMs: true,
});

/**
 * Maps `input` through `fn` with at most `concurrency` tasks at once, keeping input order.
 * Pulls lazily from arrays, iterables and async iterables, so a million-item generator never
 * becomes a million promises. Throws `InvalidArgumentError` (a `TypeError`) synchronously on
 * bad arguments. If the input itself throws, the call rejects with that error in both modes.
 *
 * @example
 * ```ts
 * const pages = await map(urls, (url, i, { signal }) => fetch(url, { signal }).then((r) => r.text()), {
 *   concurrency: 8,
 *   timeoutMs: 10_000,
 * });
 * ```
 */
export function map<T, R>(
  input: MapInput<T>,
  fn: Mapper<T, R>,
  options?: MapOptions & { readonly stopOnError?: true },
): Promise<R[]>;
export function map<T, R>(
  input: MapInput<T>,
  fn: Mapper<T, R>,
  options: MapOptions & { readonly stopOnError: false },
): Promise<PromiseSettledResult<R>[]>;
export function map<T, R>(
  input: MapInput<T>,
  fn: Mapper<T, R>,
  options?: MapOptions,
): Promise<R[] | PromiseSettledResult<R>[]>;
export function map<T, R>(
  input: MapInput<T>,
  fn: Mapper<T, R>,
  options: MapOptions = {},
): Promise<R[] | PromiseSettledResult<R>[]> {
  checkInput(input);
  checkFunction('fn', fn);
  const concurrency = checkRunOptions(options, OPTIONS);
  checkTimerMs('options.timeoutMs', options.timeoutMs);
  const run = new MapRun(input, fn, {
    concurrency,
    stopOnError: options.stopOnError !== false,
    timeoutMs: options.timeoutMs ?? 0,
    signal: options.signal,
  });
  return run.start() as Promise<R[] | PromiseSettledResult<R>[]>;
}

function checkInput(input: unknown): void {
  const ok =
    typeof input === 'object' &&
    input !== null &&
    (Symbol.iterator in input || Symbol.asyncIterator in input);
  if (!ok) {
    throw new InvalidArgumentError('input', 'an array, an iterable or an async iterable', input);
  }
}
