import { setTimeout as sleep } from 'node:timers/promises';
import {
  checkKnownKeys,
  describeValue,
  type KnownKeys,
  knownKeys,
  MAX_TIMER_MS,
} from '@hotpath/protocol';
import { isRateLimited, ProviderArgumentError } from './errors.ts';

/** When a call refused with a 429 is tried again. */
export interface RateLimitRetryOptions {
  /**
   * Retries after a 429; `0` passes every 429 on at once. One by default, as the OpenAI and
   * Anthropic SDKs retry too: the retry lives here alone (the rate-limit plugin and the gateway
   * do not retry), so without it an app would see every transient 429.
   * @default 1
   */
  readonly retries?: number;
  /**
   * The longest wait honoured. A 429 that asks for longer is passed on at once, so a caller
   * with somewhere else to go (another upstream) does not sit out a long pause. At most
   * 2147483647 (about 24.8 days, the longest timer Node runs), as is `fallbackWaitMs`.
   * @default 10_000
   */
  readonly maxWaitMs?: number;
  /** The wait after a 429 that names none (no `retry-after`, no reset header). @default 1_000 */
  readonly fallbackWaitMs?: number;
}

const RETRY_OPTIONS: KnownKeys = knownKeys<RateLimitRetryOptions>({
  retries: true,
  maxWaitMs: true,
  fallbackWaitMs: true,
});

/** The retry policy with its defaults filled in and checked. */
export interface RateLimitRetryPolicy {
  readonly retries: number;
  readonly maxWaitMs: number;
  readonly fallbackWaitMs: number;
}

/** `value`, checked to be a number >= 0 (an integer when `integer`), or `fallback` when undefined. */
function option(value: unknown, name: string, fallback: number, integer = false): number {
  if (value === undefined) return fallback;
  const valid =
    typeof value === 'number' &&
    value >= 0 &&
    (integer ? Number.isInteger(value) : value <= MAX_TIMER_MS);
  if (valid) return value;
  const expected = integer ? 'an integer >= 0' : `a number of ms from 0 to ${MAX_TIMER_MS}`;
  throw new ProviderArgumentError(
    `rateLimitRetry.${name} must be ${expected}, got ${describeValue(value)}`,
  );
}

/** Fills in and checks {@link RateLimitRetryOptions}; throws `HOTPATH_PROVIDER_INVALID_ARGUMENT`. */
export function rateLimitRetryPolicy(options: RateLimitRetryOptions = {}): RateLimitRetryPolicy {
  if (typeof options !== 'object' || options === null) {
    throw new ProviderArgumentError(
      `rateLimitRetry must be an object, got ${describeValue(options)}`,
    );
  }
  checkKnownKeys(options, RETRY_OPTIONS, 'rateLimitRetry', (m) => new ProviderArgumentError(m));
  return {
    retries: option(options.retries, 'retries', 1, true),
    maxWaitMs: option(options.maxWaitMs, 'maxWaitMs', 10_000),
    fallbackWaitMs: option(options.fallbackWaitMs, 'fallbackWaitMs', 1_000),
  };
}

/** Waits `ms`; an abort rejects at once with the signal's own reason (not Node's AbortError). */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, signal === undefined ? undefined : { signal });
  } catch (error) {
    throw signal?.aborted ? signal.reason : error;
  }
}

/**
 * Runs `attempt`, and after a 429 (`isRateLimited`) waits what the upstream asked for
 * (`retryAfterMs`, else `fallbackWaitMs`) and runs it again, up to `retries` times. Any other
 * error, a wait longer than `maxWaitMs`, or the last 429 is thrown as it is; an abort of `signal`
 * ends the wait at once with the signal's reason. This is the one place hotpath retries 429s:
 * every provider built with `createHttpProvider` runs its calls through it (before the first
 * byte of a stream), and the gateway retries each upstream through its providers.
 *
 * @param attempt - one try of the call
 * @param policy - from {@link rateLimitRetryPolicy}
 * @param signal - the caller's signal
 * @example
 * ```ts
 * const policy = rateLimitRetryPolicy({ retries: 2, maxWaitMs: 5_000 });
 * const answer = await retryRateLimited(() => provider.complete(request), policy, signal);
 * ```
 */
export async function retryRateLimited<T>(
  attempt: () => Promise<T>,
  policy: RateLimitRetryPolicy,
  signal?: AbortSignal,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRateLimited(error) || retry >= policy.retries || signal?.aborted) throw error;
      const waitMs = error.retryAfterMs ?? policy.fallbackWaitMs;
      if (waitMs > policy.maxWaitMs) throw error;
      await pause(waitMs, signal);
    }
  }
}
