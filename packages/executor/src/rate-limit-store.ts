/** One token bucket as the store sees it: refills `capacity` units every `intervalMs`, linearly. */
export interface BucketConfig {
  /** Unique key of the bucket in the store, for example `openai:gpt-4o:tokens`. */
  readonly key: string;
  /** Units the bucket holds when full. */
  readonly capacity: number;
  /** Time to refill an empty bucket, in ms. */
  readonly intervalMs: number;
}

/** What {@link RateLimitStore.take} answers. */
export interface TakeResult {
  /** True when the amounts were taken. */
  readonly ok: boolean;
  /** When not ok: how long until every bucket could hold its amount (or the pause ends), in ms. */
  readonly waitMs: number;
  /** True when the wait comes from a `pause()`, so callers should add jitter. */
  readonly paused: boolean;
}

/**
 * Where a rate limiter keeps its buckets. Every method is atomic over all the buckets it is
 * given, which is what lets a remote store (Redis with a Lua script) share limits between
 * processes: `take` either takes every amount or none. Methods may return promises.
 */
export interface RateLimitStore {
  /**
   * Refills each bucket up to `now`, then, unless paused, takes `amounts[i]` from
   * `buckets[i]` if every bucket holds enough; otherwise takes nothing.
   */
  take(
    buckets: readonly BucketConfig[],
    amounts: readonly number[],
    now: number,
  ): TakeResult | Promise<TakeResult>;
  /** Adds `amounts[i]` back to `buckets[i]` (a negative amount charges more, possibly into debt), capped at capacity. */
  refund(
    buckets: readonly BucketConfig[],
    amounts: readonly number[],
    now: number,
  ): void | Promise<void>;
  /**
   * Lowers a bucket to at most `remaining` (what the server reported). When `remaining` is
   * below 1 and `resetMs` is known, the bucket is emptied so the next unit arrives after `resetMs`.
   */
  sync(
    bucket: BucketConfig,
    remaining: number,
    resetMs: number | undefined,
    now: number,
  ): void | Promise<void>;
  /** Pauses every `take` until `until` (epoch ms); an earlier deadline never shortens a later one. */
  pause(until: number): void | Promise<void>;
}

interface BucketState {
  tokens: number;
  updatedAt: number;
}

/** The in-process {@link RateLimitStore}: a map of buckets in this process's memory. */
export class MemoryRateLimitStore implements RateLimitStore {
  #buckets = new Map<string, BucketState>();
  #pausedUntil = 0;

  take(buckets: readonly BucketConfig[], amounts: readonly number[], now: number): TakeResult {
    if (now < this.#pausedUntil)
      return { ok: false, waitMs: this.#pausedUntil - now, paused: true };
    let waitMs = 0;
    for (let i = 0; i < buckets.length; i++) {
      const bucket = buckets[i]!;
      const missing = amounts[i]! - this.#refill(bucket, now).tokens;
      if (missing > 0) waitMs = Math.max(waitMs, (missing * bucket.intervalMs) / bucket.capacity);
    }
    if (waitMs > 0) return { ok: false, waitMs: Math.ceil(waitMs), paused: false };
    for (let i = 0; i < buckets.length; i++) this.#state(buckets[i]!, now).tokens -= amounts[i]!;
    return { ok: true, waitMs: 0, paused: false };
  }

  refund(buckets: readonly BucketConfig[], amounts: readonly number[], now: number): void {
    for (let i = 0; i < buckets.length; i++) {
      const state = this.#refill(buckets[i]!, now);
      state.tokens = Math.min(buckets[i]!.capacity, state.tokens + amounts[i]!);
    }
  }

  sync(bucket: BucketConfig, remaining: number, resetMs: number | undefined, now: number): void {
    const state = this.#refill(bucket, now);
    state.tokens = Math.min(state.tokens, remaining);
    if (remaining < 1 && resetMs !== undefined && resetMs > 0) {
      state.tokens = Math.min(state.tokens, 1 - (resetMs * bucket.capacity) / bucket.intervalMs);
    }
  }

  pause(until: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, until);
  }

  #state(bucket: BucketConfig, now: number): BucketState {
    let state = this.#buckets.get(bucket.key);
    if (state === undefined) {
      state = { tokens: bucket.capacity, updatedAt: now };
      this.#buckets.set(bucket.key, state);
    }
    return state;
  }

  #refill(bucket: BucketConfig, now: number): BucketState {
    const state = this.#state(bucket, now);
    const elapsed = Math.max(0, now - state.updatedAt);
    state.tokens = Math.min(
      bucket.capacity,
      state.tokens + (elapsed * bucket.capacity) / bucket.intervalMs,
    );
    state.updatedAt = now;
    return state;
  }
}

/**
 * Creates the in-memory {@link RateLimitStore} (the default of `createRateLimiter`).
 * Use one store per process; share a remote store to share limits between processes.
 */
export function createMemoryStore(): MemoryRateLimitStore {
  return new MemoryRateLimitStore();
}
