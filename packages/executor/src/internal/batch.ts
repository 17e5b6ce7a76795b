import { noop } from './abort.ts';

/**
 * The keys collected for one `loadMany` call, each with a promise derived from the batch's
 * single results promise (no resolve functions per key). Identical ids share a promise.
 */
export class Batch<K, V, C> {
  // Ids in arrival order. Most batches never see a duplicate, and a Set finds one with a
  // single lookup per key; the first duplicate switches to #index, which maps id to promise.
  readonly #ids = new Set<C>();
  #index: Map<C, Promise<V>> | undefined;
  readonly #promises: Promise<V>[] = [];
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
    return this.#promises.length;
  }

  /** The distinct keys, in the order they were first added. */
  get keys(): K[] {
    return this.#keys ?? (Array.from((this.#index ?? this.#ids).keys()) as unknown as K[]);
  }

  /** Adds `key` (identified by `id`, which is `key` itself without a key function). */
  add(key: K, id: C): Promise<V> {
    if (this.#index !== undefined) return this.#index.get(id) ?? this.#insert(key, id);
    const ids = this.#ids;
    const size = ids.size;
    if (ids.add(id).size === size) return this.#indexIds().get(id) as Promise<V>;
    return this.#insert(key, id);
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

  #insert(key: K, id: C): Promise<V> {
    const promise = this.#results.promise.then(this.#pick);
    this.#promises.push(promise);
    this.#index?.set(id, promise);
    this.#keys?.push(key);
    return promise;
  }

  #indexIds(): Map<C, Promise<V>> {
    const index = new Map<C, Promise<V>>();
    let i = 0;
    for (const id of this.#ids) index.set(id, this.#promises[i++] as Promise<V>);
    this.#index = index;
    return index;
  }
}
