import { noop } from './internal/abort.ts';
import { checkFunction, checkSignal } from './internal/validate.ts';

/** Options of {@link SingleFlight.run}. */
export interface FlightOptions {
  /**
   * Stops this caller waiting (rejecting with `signal.reason`). The shared call goes on for
   * the other callers; it is aborted only when every caller has aborted.
   */
  readonly signal?: AbortSignal;
}

/** What {@link singleFlight} returns. */
export interface SingleFlight<K, V> {
  /**
   * Runs `fn` for `key`, unless a call for `key` is already in flight, in which case this
   * caller joins it. `fn` receives a signal that aborts once every caller has gone.
   */
  run(key: K, fn: (signal: AbortSignal) => V | PromiseLike<V>, options?: FlightOptions): Promise<V>;
  /** True while a call for `key` is in flight. */
  has(key: K): boolean;
  /** Calls in flight. */
  readonly size: number;
}

interface Flight<V> {
  readonly promise: Promise<V>;
  readonly controller: AbortController;
  callers: number;
}

class SingleFlightImpl<K, V> implements SingleFlight<K, V> {
  #flights = new Map<K, Flight<V>>();

  get size(): number {
    return this.#flights.size;
  }

  has(key: K): boolean {
    return this.#flights.has(key);
  }

  run(
    key: K,
    fn: (signal: AbortSignal) => V | PromiseLike<V>,
    options?: FlightOptions,
  ): Promise<V> {
    checkFunction('fn', fn);
    const signal = options?.signal;
    checkSignal('options.signal', signal);
    if (signal?.aborted) return Promise.reject(signal.reason);
    const flight = this.#flights.get(key) ?? this.#start(key, fn);
    flight.callers++;
    return signal === undefined ? flight.promise : this.#join(key, flight, signal);
  }

  #start(key: K, fn: (signal: AbortSignal) => V | PromiseLike<V>): Flight<V> {
    const controller = new AbortController();
    const promise = (async () => fn(controller.signal))();
    const flight: Flight<V> = { promise, controller, callers: 0 };
    this.#flights.set(key, flight);
    const forget = (): void => this.#forget(key, flight);
    promise.then(forget, forget);
    return flight;
  }

  #join(key: K, flight: Flight<V>, signal: AbortSignal): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      const onAbort = (): void => {
        reject(signal.reason);
        if (--flight.callers === 0) {
          this.#forget(key, flight);
          flight.controller.abort(signal.reason);
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const done = (): void => signal.removeEventListener('abort', onAbort);
      flight.promise.then(resolve, reject).then(done, noop);
    });
  }

  #forget(key: K, flight: Flight<V>): void {
    if (this.#flights.get(key) === flight) this.#flights.delete(key);
  }
}

/**
 * Creates a single-flight group: concurrent calls with the same key share one execution.
 * A key is forgotten as soon as its call settles, so later calls run again (this is
 * deduplication of in-flight work, not a cache).
 *
 * @example
 * ```ts
 * const flights = singleFlight<string, Answer>();
 * const answer = await flights.run(promptHash, (signal) => provider.complete(request, { signal }), { signal });
 * ```
 */
export function singleFlight<K, V>(): SingleFlight<K, V> {
  return new SingleFlightImpl<K, V>();
}
