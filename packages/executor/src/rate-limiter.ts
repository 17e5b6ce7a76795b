import { channel } from 'node:diagnostics_channel';
import type { RateLimitInfo } from '@hotpath/protocol';
import { EXECUTOR_CHANNELS } from './channels.ts';
import { InvalidArgumentError, RateLimitCapacityError, ReservationSettledError } from './errors.ts';
import { sleep } from './internal/abort.ts';
import { RATE_LIMIT, RATE_LIMITER_OPTIONS } from './internal/option-keys.ts';
import {
  checkKeys,
  checkNumber,
  checkObject,
  checkPositive,
  checkSignal,
} from './internal/validate.ts';
import { type BucketConfig, createMemoryStore, type RateLimitStore } from './rate-limit-store.ts';

const waitChannel = channel(EXECUTOR_CHANNELS.rateLimitWait);

/** One limit, enforced as a token bucket. */
export interface RateLimit {
  /** Name, unique within the limiter; also the store key suffix. */
  readonly name: string;
  /** What one acquire costs: `requests` costs 1, `tokens` costs the `tokens` estimate. @default 'requests' */
  readonly unit?: 'requests' | 'tokens';
  /** How many units per interval. */
  readonly limit: number;
  /** The interval in ms. @default 60_000 (per minute) */
  readonly intervalMs?: number;
  /**
   * Whether `update` (what the provider reported) adjusts this limit. Turn off for limits the provider does not
   * report (for example a per-day budget you keep yourself).
   * @default true
   */
  readonly fromHeaders?: boolean;
}

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** The limits that must all allow a call, for example requests/min and tokens/min. */
  readonly limits: readonly RateLimit[];
  /** Where buckets live. @default createMemoryStore() */
  readonly store?: RateLimitStore;
  /** Prefix of every bucket key in the store, to share a store between limiters. @default 'hotpath' */
  readonly prefix?: string;
  /** After a `pause()`, each waiting caller adds a random delay up to this share of the pause. @default 0.1 */
  readonly jitter?: number;
}

/** Options of {@link RateLimiter.acquire}. */
export interface AcquireOptions {
  /** Stops waiting and rejects with `signal.reason`; nothing is taken. */
  readonly signal?: AbortSignal;
}

/** What {@link RateLimiter.acquire} resolves with; hand it to `reconcile` after the call. */
export interface Reservation {
  /** The token estimate reserved. */
  readonly tokens: number;
}

/** What {@link createRateLimiter} returns. */
export interface RateLimiter {
  /** Waits until every limit allows one request of `tokens` estimated tokens, then reserves them. */
  acquire(request?: { readonly tokens?: number }, options?: AcquireOptions): Promise<Reservation>;
  /** Refunds (or charges) the difference between the estimate and `actualTokens`. Once per reservation. */
  reconcile(reservation: Reservation, actualTokens: number): Promise<void>;
  /** Makes every caller wait `ms` (plus jitter), for example after a 429. */
  pause(ms: number): Promise<void>;
  /**
   * Follows what the provider reported (`RateLimitInfo`, as `@hotpath/provider-kit`'s
   * `parseRateLimitHeaders` reads it from OpenAI or Anthropic headers): resizes buckets to the
   * reported limits, lowers them to the reported remaining units, and pauses every caller for
   * `retryAfterMs`.
   */
  update(info: RateLimitInfo): Promise<void>;
}

// A NaN here would turn a bucket's level into NaN, which every later take() lets through.
const RATE_LIMIT_INFO_FIELDS = [
  'limitRequests',
  'remainingRequests',
  'resetRequestsMs',
  'limitTokens',
  'remainingTokens',
  'resetTokensMs',
  'retryAfterMs',
] as const satisfies readonly (keyof RateLimitInfo)[];

/**
 * Epoch ms from a monotonic clock: a wall-clock step (an NTP correction) must neither stretch a
 * pause by the size of the step nor refill every bucket at once. Close to `Date.now()` across
 * processes sharing a store, as both start from the wall clock.
 */
function now(): number {
  return performance.timeOrigin + performance.now();
}

class RateLimiterImpl implements RateLimiter {
  #limits: RateLimit[];
  #buckets: BucketConfig[];
  #store: RateLimitStore;
  #jitter: number;
  #settled = new WeakSet<Reservation>();

  constructor(options: RateLimiterOptions) {
    const prefix = options.prefix ?? 'hotpath';
    this.#limits = [...options.limits];
    this.#buckets = this.#limits.map((limit) => ({
      key: `${prefix}:${limit.name}`,
      capacity: limit.limit,
      intervalMs: limit.intervalMs ?? 60_000,
    }));
    this.#store = options.store ?? createMemoryStore();
    this.#jitter = options.jitter ?? 0.1;
  }

  async acquire(
    request: { readonly tokens?: number } = {},
    options: AcquireOptions = {},
  ): Promise<Reservation> {
    const tokens = request.tokens ?? 0;
    checkNumber('request.tokens', tokens);
    checkSignal('options.signal', options.signal);
    const amounts = this.#limits.map((limit) => (limit.unit === 'tokens' ? tokens : 1));
    for (;;) {
      // Checked on every turn: update() may shrink a bucket below this request while it waits.
      this.#checkCapacity(amounts);
      options.signal?.throwIfAborted();
      const result = await this.#store.take(this.#buckets, amounts, now());
      if (result.ok) return { tokens };
      const waitMs = result.paused
        ? result.waitMs * (1 + Math.random() * this.#jitter)
        : result.waitMs;
      if (waitChannel.hasSubscribers)
        waitChannel.publish({ waitMs, paused: result.paused, tokens });
      // `sleep` caps a pause past Node's longest timer (a hostile `retry-after: 1e300`), which
      // would fire after 1 ms and spin this loop; the loop takes again when it wakes.
      await sleep(Math.max(1, waitMs), options.signal);
    }
  }

  async reconcile(reservation: Reservation, actualTokens: number): Promise<void> {
    checkNumber('actualTokens', actualTokens);
    if (this.#settled.has(reservation)) throw new ReservationSettledError();
    this.#settled.add(reservation);
    const refund = reservation.tokens - actualTokens;
    const indexes = this.#indexesOf('tokens');
    if (refund === 0 || indexes.length === 0) return;
    await this.#store.refund(
      indexes.map((i) => this.#buckets[i]!),
      indexes.map(() => refund),
      now(),
    );
  }

  async pause(ms: number): Promise<void> {
    checkNumber('ms', ms);
    await this.#store.pause(now() + ms);
  }

  async update(info: RateLimitInfo): Promise<void> {
    checkObject('info', info, false);
    for (const field of RATE_LIMIT_INFO_FIELDS)
      checkNumber(`info.${field}`, info[field], -Infinity);
    const at = now();
    const requests = [info.limitRequests, info.remainingRequests, info.resetRequestsMs] as const;
    const tokens = [info.limitTokens, info.remainingTokens, info.resetTokensMs] as const;
    await this.#apply('requests', requests, at);
    await this.#apply('tokens', tokens, at);
    if (info.retryAfterMs !== undefined) await this.#store.pause(at + info.retryAfterMs);
  }

  async #apply(
    unit: 'requests' | 'tokens',
    [limit, remaining, resetMs]: readonly (number | undefined)[],
    now: number,
  ): Promise<void> {
    for (const i of this.#indexesOf(unit).filter((i) => this.#limits[i]!.fromHeaders !== false)) {
      if (limit !== undefined && limit > 0) this.#resize(i, limit);
      if (remaining !== undefined)
        await this.#store.sync(this.#buckets[i]!, remaining, resetMs, now);
    }
  }

  #resize(index: number, capacity: number): void {
    this.#buckets[index] = { ...this.#buckets[index]!, capacity };
  }

  #indexesOf(unit: 'requests' | 'tokens'): number[] {
    return this.#limits.flatMap((limit, i) => ((limit.unit ?? 'requests') === unit ? [i] : []));
  }

  #checkCapacity(amounts: readonly number[]): void {
    amounts.forEach((amount, i) => {
      const bucket = this.#buckets[i]!;
      if (amount > bucket.capacity)
        throw new RateLimitCapacityError(this.#limits[i]!.name, amount, bucket.capacity);
    });
  }
}

function checkLimits(limits: unknown): void {
  if (!Array.isArray(limits) || limits.length === 0) {
    throw new InvalidArgumentError('options.limits', 'a non-empty array of limits', limits);
  }
  const names = new Set<string>();
  limits.forEach((limit: RateLimit, i) => {
    checkObject(`options.limits[${i}]`, limit, false);
    checkKeys(`options.limits[${i}]`, limit, RATE_LIMIT);
    if (typeof limit.name !== 'string' || limit.name === '' || names.has(limit.name)) {
      throw new InvalidArgumentError(
        `options.limits[${i}].name`,
        'a unique non-empty string',
        limit.name,
      );
    }
    names.add(limit.name);
    if (limit.unit !== undefined && limit.unit !== 'requests' && limit.unit !== 'tokens') {
      throw new InvalidArgumentError(
        `options.limits[${i}].unit`,
        "'requests' or 'tokens'",
        limit.unit,
      );
    }
    checkPositive(`options.limits[${i}].limit`, limit.limit ?? Number.NaN);
    checkPositive(`options.limits[${i}].intervalMs`, limit.intervalMs);
  });
}

/**
 * Creates a rate limiter enforcing several token buckets at once, such as requests/min and
 * tokens/min. `acquire()` reserves an estimate, `reconcile()` settles it with the real usage,
 * `pause()` and `update()` follow what the provider says.
 *
 * @example
 * ```ts
 * const limiter = createRateLimiter({
 *   limits: [
 *     { name: 'rpm', unit: 'requests', limit: 500 },
 *     { name: 'tpm', unit: 'tokens', limit: 90_000 },
 *   ],
 * });
 * const reservation = await limiter.acquire({ tokens: estimate }, { signal });
 * const response = await fetch(url, { signal });
 * await limiter.update(parseRateLimitHeaders(response.headers) ?? {}); // @hotpath/provider-kit
 * await limiter.reconcile(reservation, usage.totalTokens);
 * ```
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  checkObject('options', options, false);
  checkKeys('options', options, RATE_LIMITER_OPTIONS);
  checkLimits(options.limits);
  checkNumber('options.jitter', options.jitter);
  if (options.store !== undefined && typeof options.store?.take !== 'function') {
    throw new InvalidArgumentError('options.store', 'a RateLimitStore', options.store);
  }
  return new RateLimiterImpl(options);
}
