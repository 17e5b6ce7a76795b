import type { CacheBus } from './bus.ts';
import type { KeyvStoreLike } from './store.ts';

/** Where L2 lives and how patient the cache is with it. */
export interface L2Options {
  /** Any keyv store: `createSqliteStore()`, `await createRedisStore()`, `new KeyvPostgres()` … */
  readonly store: KeyvStoreLike;
  /** Bound on every store call, in ms; a slower call counts as an L2 error. @default 1000 */
  readonly timeout?: number;
  /** After an L2 error the store is skipped this long (doubling per failure), then probed. @default 500 */
  readonly retryAfter?: number;
  /** Cap of the doubling skip window, in ms. @default 30000 */
  readonly maxRetryAfter?: number;
}

/** Options of {@link createCache}. */
export interface CacheOptions {
  /** Maximum L1 entries. @default 10000 */
  readonly max?: number;
  /**
   * Maximum estimated L1 bytes (each set then estimates its value's size with `sizeOf`).
   * @default 0 (bounded by `max` entries only)
   */
  readonly maxBytes?: number;
  /** Default time to live in ms. @default Infinity */
  readonly ttl?: number;
  /** Default grace in ms after `ttl` during which a stale value may be served. @default 0 */
  readonly grace?: number;
  /** Default hard timeout of a `getOrSet` wait, in ms. @default Infinity */
  readonly timeout?: number;
  /** Default soft timeout: how long a grace-period caller waits for the refresh before taking stale. @default 0 */
  readonly softTimeout?: number;
  /** Backoff of a failing refresh while stale is served: first wait and cap, in ms. @default { base: 1000, max: 60000 } */
  readonly backoff?: { readonly base?: number; readonly max?: number };
  /** The L2 tier: a keyv store, or the store with its timeout options. */
  readonly l2?: KeyvStoreLike | L2Options;
  /** Invalidation bus to other instances sharing the L2 (`createRedisBus`). */
  readonly bus?: CacheBus;
  /**
   * L1 admission policy. `'lfu'`: a new key enters a full L1 only when it was accessed more
   * often than the least recently used entry it would evict (TinyLFU with a count-min
   * sketch), so one-off keys do not flush hot ones. @default 'lru'
   */
  readonly admission?: 'lru' | 'lfu';
  /**
   * Adaptive TTL: when a key is rewritten (set or refreshed), every `hitsPerStep` hits of the
   * entry it replaces add one more base `ttl`, up to `max` ms, so often-hit keys live longer.
   */
  readonly adaptiveTtl?: { readonly max: number; readonly hitsPerStep?: number };
  /** Estimates a value's bytes for `maxBytes`. @default strings 2 bytes/char, typed arrays their length, objects their v8-serialised size */
  readonly sizeOf?: (value: unknown) => number;
}

/** Options of `set` and `setSync`. */
export interface SetOptions {
  /** Time to live in ms. @default the cache's `ttl` */
  readonly ttl?: number;
  /** Grace after the ttl in ms. @default the cache's `grace` */
  readonly grace?: number;
  /** Tags for `invalidateTags`. */
  readonly tags?: readonly string[];
}

/**
 * How a `getOrSet` caller got its value: `hit` from L1 or L2 (fresh, or stale during grace),
 * `shared` from another caller's factory call that was in flight when it asked, `miss` from
 * the factory call it started itself.
 */
export type CacheOutcome = 'hit' | 'shared' | 'miss';

/**
 * Filled in by `getOrSet` when it settles, resolved or rejected (as lru-cache's `status`
 * option is): pass one to learn how the value was found without a second lookup.
 * @example
 * ```ts
 * const status: GetOrSetStatus = {};
 * const user = await cache.getOrSet(`user:${id}`, () => db.user(id), { status });
 * if (status.outcome === 'shared') console.log('joined a load in flight');
 * ```
 */
export interface GetOrSetStatus {
  outcome?: CacheOutcome;
}

/** Options of `getOrSet`. */
export interface GetOrSetOptions extends SetOptions {
  /** Aborts this caller's wait only; the factory stops when every caller aborted. */
  readonly signal?: AbortSignal;
  /** Hard timeout of the wait in ms (`HOTPATH_CACHE_FACTORY_TIMEOUT`). @default the cache's `timeout` */
  readonly timeout?: number;
  /** During grace, wait this long for the refresh before serving stale. @default the cache's `softTimeout` */
  readonly softTimeout?: number;
  /** Receives this call's {@link CacheOutcome} when it settles. */
  readonly status?: GetOrSetStatus;
}
