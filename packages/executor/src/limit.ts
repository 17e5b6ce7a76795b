import { LimitClearedError } from './errors.ts';
import { noop } from './internal/abort.ts';
import { checkConcurrency, checkFunction, checkSignal } from './internal/validate.ts';

/** A function run through a {@link Limiter}. */
export type LimitedFunction<A extends unknown[], R> = (...args: A) => R | PromiseLike<R>;

/** Options of {@link Limiter.withSignal}. */
export interface LimitCallOptions {
  /** Removes the call from the queue (rejecting with `signal.reason`) if it aborts before the call starts. */
  readonly signal?: AbortSignal;
}

/** What {@link limit} returns: call it like `run(fn, ...args)`. */
export interface Limiter {
  /** Runs `fn(...args)` when fewer than `concurrency` calls are running; resolves with its result. */
  <A extends unknown[], R>(fn: LimitedFunction<A, R>, ...args: A): Promise<R>;
  /** Like calling the limiter, but a queued call leaves the queue when `options.signal` aborts. */
  withSignal<R>(fn: () => R | PromiseLike<R>, options: LimitCallOptions): Promise<R>;
  /** Calls running now. */
  readonly activeCount: number;
  /** Calls waiting for a free slot. */
  readonly pendingCount: number;
  /** The limit given to {@link limit}. */
  readonly concurrency: number;
  /** Rejects every waiting call with `LimitClearedError` (`HOTPATH_EXECUTOR_LIMIT_CLEARED`); running calls go on. */
  clear(): void;
}

interface Pending {
  fn: (...args: unknown[]) => unknown;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  next: Pending | undefined;
  cancelled: boolean;
}

/**
 * Runs functions with at most `concurrency` at once; the rest wait in FIFO order.
 * A call that finds a free slot costs one promise; a slot frees itself by running the next
 * waiting call in the same loop instead of scheduling a new one.
 */
class LimitQueue {
  readonly concurrency: number;
  active = 0;
  pending = 0;
  #head: Pending | undefined;
  #tail: Pending | undefined;
  #resolve: (value: unknown) => void = noop;
  #reject: (reason: unknown) => void = noop;
  // One executor for every queued promise, instead of a new closure per call.
  #capture = (resolve: (value: unknown) => void, reject: (reason: unknown) => void): void => {
    this.#resolve = resolve;
    this.#reject = reject;
  };

  constructor(concurrency: number) {
    this.concurrency = concurrency;
  }

  run(fn: (...args: unknown[]) => unknown, args: unknown[]): Promise<unknown> {
    if (this.active < this.concurrency) {
      this.active++;
      return this.#direct(fn, args);
    }
    return this.enqueue(fn, args).promise;
  }

  enqueue(
    fn: (...args: unknown[]) => unknown,
    args: unknown[],
  ): { promise: Promise<unknown>; entry: Pending } {
    const promise = new Promise(this.#capture);
    const entry: Pending = {
      fn,
      args,
      resolve: this.#resolve,
      reject: this.#reject,
      next: undefined,
      cancelled: false,
    };
    if (this.#tail) this.#tail.next = entry;
    else this.#head = entry;
    this.#tail = entry;
    this.pending++;
    return { promise, entry };
  }

  cancel(entry: Pending, reason: unknown): void {
    if (entry.cancelled) return;
    entry.cancelled = true;
    this.pending--;
    entry.reject(reason);
  }

  clear(): void {
    let entry = this.#head;
    this.#head = this.#tail = undefined;
    for (; entry; entry = entry.next) this.cancel(entry, new LimitClearedError());
  }

  async #direct(fn: (...args: unknown[]) => unknown, args: unknown[]): Promise<unknown> {
    try {
      return await (args.length === 0 ? fn() : fn(...args));
    } finally {
      if (this.#head) void this.#drain();
      else this.active--;
    }
  }

  // Keeps the slot it inherited and runs waiting calls until the queue is empty.
  async #drain(): Promise<void> {
    for (let entry = this.#shift(); entry; entry = this.#shift()) {
      try {
        entry.resolve(await (entry.args.length === 0 ? entry.fn() : entry.fn(...entry.args)));
      } catch (error) {
        entry.reject(error);
      }
    }
    this.active--;
  }

  #shift(): Pending | undefined {
    let entry = this.#head;
    while (entry?.cancelled) entry = entry.next;
    this.#head = entry?.next;
    if (!this.#head) this.#tail = undefined;
    if (entry) {
      entry.cancelled = true;
      this.pending--;
    }
    return entry;
  }
}

/**
 * Creates a limiter: a function that runs the functions given to it with at most
 * `concurrency` running at once, in call order. Throws `InvalidArgumentError` (a `TypeError`)
 * unless `concurrency` is a positive integer or `Infinity`.
 *
 * @example
 * ```ts
 * const run = limit(4);
 * const answers = await Promise.all(prompts.map((p) => run(complete, p)));
 * run.activeCount; // 0
 * ```
 */
export function limit(concurrency: number): Limiter {
  const queue = new LimitQueue(checkConcurrency('concurrency', concurrency));
  const run = <A extends unknown[], R>(fn: LimitedFunction<A, R>, ...args: A): Promise<R> => {
    checkFunction('fn', fn);
    return queue.run(fn as (...args: unknown[]) => unknown, args) as Promise<R>;
  };
  return Object.defineProperties(run, {
    activeCount: { get: () => queue.active, enumerable: true },
    pendingCount: { get: () => queue.pending, enumerable: true },
    concurrency: { value: queue.concurrency, enumerable: true },
    clear: { value: () => queue.clear() },
    withSignal: {
      value: (fn: () => unknown, options: LimitCallOptions) => withSignal(queue, fn, options),
    },
  }) as Limiter;
}

function withSignal(
  queue: LimitQueue,
  fn: () => unknown,
  options: LimitCallOptions,
): Promise<never> {
  checkFunction('fn', fn);
  const signal = options?.signal;
  checkSignal('options.signal', signal);
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (signal === undefined || queue.active < queue.concurrency)
    return queue.run(fn, []) as Promise<never>;
  const { promise, entry } = queue.enqueue(fn, []);
  const onAbort = (): void => queue.cancel(entry, signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const cleanup = (): void => signal.removeEventListener('abort', onAbort);
  promise.then(cleanup, cleanup);
  return promise as Promise<never>;
}
