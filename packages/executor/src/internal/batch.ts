import { noop } from './abort.ts';

/**
 * The keys collected for one `loadMany` call. A map from each distinct id to its promise
 * lets identical keys share it; its insertion order is the key order.
 */
export class Batch<K, V, C> {
  readonly #promises = new Map<C, Promise<V>>();
  // Only with a key function, whose ids are not the keys themselves.
  readonly #keys: K[] | undefined;
  readonly #results = Promise.withResolvers<ArrayLike<V | Error>>();
  #next = 0;
  // Reactions to one promise run in the order they were added, so the n-th call is key n's.
  readonly #pick = (values: ArrayLike<V | Error>): V => {
    const value = values[this.#next++] as V | Error;
    if (value instanceof Error) throw value;
    return value;
  };
  timer: ReturnType<typeof setTimeout> | undefined;
  dispatched = false;

  constructor(keyed: boolean) {
    this.#keys = keyed ? [] : undefined;
  }

  /** Distinct keys collected so far. */
  get size(): number {
    return this.#promises.size;
  }

  /** The distinct keys, in the order they were first added. */
  get keys(): K[] {
    return this.#keys ?? (Array.from(this.#promises.keys()) as unknown as K[]);
  }

  /** Adds `key` (identified by `id`, which is `key` itself without a key function). */
  add(key: K, id: C): Promise<V> {
    const known = this.#promises.get(id);
    if (known !== undefined) return known;
    const promise = this.#results.promise.then(this.#pick);
    this.#promises.set(id, promise);
    this.#keys?.push(key);
    return promise;
  }

  /** Settles every key from `loadMany`'s results: `Error` values reject that key only. */
  settle(values: ArrayLike<V | Error>): void {
    this.#results.resolve(values);
  }

  /** Rejects every key with `error`. */
  fail(error: unknown): void {
    this.#results.reject(error);
  }

  /** Resolves once every key's promise has settled (after {@link settle} or {@link fail}). */
  settled(): Promise<void> {
    // Added after every key's reaction, so it runs after them.
    return this.#results.promise.then(noop, noop);
  }
}
