import type { CacheBus } from './bus.ts';
import type { KeyvStoreLike } from './store.ts';

/** Where L2 lives and how patient the cache is with it. */
export interface L2Options {
  /** Any keyv store: `createSqliteStore()`, `await createRedisStore()`, `new KeyvPostgres()` … */
  readonly store: KeyvStoreLike;
  /** Bound on every store call, in ms; a slower call counts as an L2 error. @default 1000 */
  readonly timeoutMs?: number;
  /** After an L2 error the store is skipped this many ms (doubling per failure), then probed. @default 500 */
  readonly retryAfterMs?: number;
  /** Cap of the doubling skip window, in ms. @default 30000 */
  readonly maxRetryAfterMs?: number;
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
  readonly ttlMs?: number;
  /** Default grace in ms after `ttlMs` during which a stale value may be served. @default 0 */
  readonly graceMs?: number;
  /** Default hard timeout of a `getOrSet` wait, in ms. @default Infinity */
  readonly timeoutMs?: number;
  /** Default soft timeout in ms: how long a grace-period caller waits for the refresh before taking stale. @default 0 */
  readonly softTimeoutMs?: number;
  /** Backoff of a failing refresh while stale is served: first wait and cap, in ms. @default { baseMs: 1000, maxMs: 60000 } */
  readonly backoff?: BackoffOptions;
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
   * entry it replaces add one more base `ttlMs`, up to `maxMs`, so often-hit keys live longer.
   */
  readonly adaptiveTtl?: AdaptiveTtlOptions;
  /** Estimates a value's bytes for `maxBytes`. @default strings 2 bytes/char, typed arrays their length, objects their v8-serialised size */
  readonly sizeOf?: (value: unknown) => number;
}

/** {@link CacheOptions.backoff}: how long a failing refresh waits before it is retried. */
export interface BackoffOptions {
  /** The first wait, in ms; it doubles per failure. @default 1000 */
  readonly baseMs?: number;
  /** The cap of the doubling wait, in ms. @default 60000 */
  readonly maxMs?: number;
}

/** {@link CacheOptions.adaptiveTtl}: often-hit keys live longer. */
export interface AdaptiveTtlOptions {
  /** The longest lifetime a key can earn, in ms. */
  readonly maxMs: number;
  /** Hits of the replaced entry that earn one more base `ttlMs`. @default 10 */
  readonly hitsPerStep?: number;
}

/** Options of `set` and `setSync`. */
export interface SetOptions {
  /** Time to live in ms. @default the cache's `ttlMs` */
  readonly ttlMs?: number;
  /** Grace after the time to live, in ms. @default the cache's `graceMs` */
  readonly graceMs?: number;
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
  /** Hard timeout of the wait in ms (`HOTPATH_CACHE_FACTORY_TIMEOUT`). @default the cache's `timeoutMs` */
  readonly timeoutMs?: number;
  /** During grace, wait this many ms for the refresh before serving stale. @default the cache's `softTimeoutMs` */
  readonly softTimeoutMs?: number;
  /** Receives this call's {@link CacheOutcome} when it settles. */
  readonly status?: GetOrSetStatus;
}
