import { noop } from './abort.ts';

/**
 * The keys collected for one `loadMany` call, with the settle functions of their promises
 * in parallel arrays (no object per key) and a map that lets identical keys share a promise.
 */
export class Batch<K, V, C> {
  readonly keys: K[] = [];
  readonly #resolves: ((value: V) => void)[] = [];
  readonly #rejects: ((reason: unknown) => void)[] = [];
  readonly #promises = new Map<C, Promise<V>>();
  timer: ReturnType<typeof setTimeout> | undefined;
  dispatched = false;
  #resolve: (value: V) => void = noop;
  #reject: (reason: unknown) => void = noop;
  // One executor for every promise of the batch, instead of a new closure per key.
  #capture = (resolve: (value: V) => void, reject: (reason: unknown) => void): void => {
    this.#resolve = resolve;
    this.#reject = reject;
  };

  /** Distinct keys collected so far. */
  get size(): number {
    return this.keys.length;
  }

  /** Adds `key` (identified by `id`) and returns the promise of its value. */
  add(key: K, id: C): Promise<V> {
    const known = this.#promises.get(id);
    if (known !== undefined) return known;
    const promise = new Promise<V>(this.#capture);
    this.#promises.set(id, promise);
    this.keys.push(key);
    this.#resolves.push(this.#resolve);
    this.#rejects.push(this.#reject);
    return promise;
  }

  /** Settles every key from `loadMany`'s results: `Error` values reject that key only. */
  settle(values: ArrayLike<V | Error>): void {
    const resolves = this.#resolves;
    for (let i = 0; i < resolves.length; i++) {
      const value = values[i] as V | Error;
      if (value instanceof Error) this.#rejects[i]!(value);
      else resolves[i]!(value);
    }
  }

  /** Rejects every key with `error`. */
  fail(error: unknown): void {
    for (const reject of this.#rejects) reject(error);
  }
}
