import { type KnownKeys, knownKeys } from '@hotpath/protocol';
import { InvalidArgumentError, RaceLostError, TimeoutError } from './errors.ts';
import {
  checkFunction,
  checkKeys,
  checkObject,
  checkSignal,
  checkTimerMs,
} from './internal/validate.ts';

/** One contender of {@link first}: receives its own signal, aborted when it loses. */
export type Contender<R> = (context: { readonly signal: AbortSignal }) => R | PromiseLike<R>;

/** Options of {@link first}. */
export interface FirstOptions {
  /** Aborts every contender and rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
  /**
   * Gives up after this many ms: every contender is aborted and the call rejects with
   * `TimeoutError` (`HOTPATH_EXECUTOR_TIMEOUT`). `0` means no timeout.
   * @default 0
   */
  readonly timeoutMs?: number;
}

const OPTIONS: KnownKeys = knownKeys<FirstOptions>({ signal: true, timeoutMs: true });

/**
 * Starts every function at once and resolves with the first success; the others are
 * aborted with `RaceLostError` (`HOTPATH_EXECUTOR_RACE_LOST`) as their signal's reason.
 * Rejects with an `AggregateError` of every error (in `fns` order) if all fail.
 *
 * @example
 * ```ts
 * const answer = await first([
 *   ({ signal }) => primary.complete(request, { signal }),
 *   ({ signal }) => fallback.complete(request, { signal }),
 * ], { timeoutMs: 30_000 });
 * ```
 */
export function first<R>(fns: readonly Contender<R>[], options: FirstOptions = {}): Promise<R> {
  if (!Array.isArray(fns)) throw new InvalidArgumentError('fns', 'an array of functions', fns);
  for (const [i, fn] of fns.entries()) checkFunction(`fns[${i}]`, fn);
  checkObject('options', options);
  checkKeys('options', options, OPTIONS);
  checkSignal('options.signal', options.signal);
  checkTimerMs('options.timeoutMs', options.timeoutMs);
  if (options.signal?.aborted) return Promise.reject(options.signal.reason);
  return new Race<R>(fns, options).promise;
}

class Race<R> {
  readonly promise: Promise<R>;
  #controllers: AbortController[];
  #errors: unknown[];
  #failed = 0;
  #settled = false;
  #resolve!: (value: R) => void;
  #reject!: (reason: unknown) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #signal: AbortSignal | undefined;
  #onAbort = (): void => this.#end(undefined, this.#signal?.reason);

  constructor(fns: readonly Contender<R>[], options: FirstOptions) {
    this.promise = new Promise<R>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#controllers = fns.map(() => new AbortController());
    this.#errors = new Array(fns.length);
    this.#signal = options.signal;
    this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
    const ms = options.timeoutMs ?? 0;
    if (ms > 0) this.#timer = setTimeout(() => this.#end(undefined, new TimeoutError(ms)), ms);
    if (fns.length === 0)
      this.#end(undefined, new AggregateError([], 'first() was given no functions.'));
    for (const [i, fn] of fns.entries()) this.#start(fn, i);
  }

  #start(fn: Contender<R>, index: number): void {
    const signal = this.#controllers[index]!.signal;
    const settled = (async () => fn({ signal }))();
    settled.then(
      (value) => this.#end(index, undefined, value),
      (error: unknown) => this.#fail(index, error),
    );
  }

  #fail(index: number, error: unknown): void {
    this.#errors[index] = error;
    if (++this.#failed === this.#controllers.length) {
      this.#end(
        undefined,
        new AggregateError(this.#errors, 'Every function given to first() failed.'),
      );
    }
  }

  // `winner` is the index of the first success; otherwise `error` rejects the race.
  #end(winner: number | undefined, error: unknown, value?: R): void {
    if (this.#settled) return;
    this.#settled = true;
    clearTimeout(this.#timer);
    this.#signal?.removeEventListener('abort', this.#onAbort);
    const reason = winner === undefined ? error : new RaceLostError();
    this.#controllers.forEach((controller, i) => {
      if (i !== winner) controller.abort(reason);
    });
    if (winner === undefined) this.#reject(error);
    else this.#resolve(value as R);
  }
}
