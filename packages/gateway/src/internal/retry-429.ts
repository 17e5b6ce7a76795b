import { setTimeout as sleep } from 'node:timers/promises';
import { isRateLimited } from './fallback.ts';

// The one place the gateway retries a 429 on the same upstream. To be replaced by the single
// 429 retry of the provider layer once it exists.

/** When the router retries a 429 and when it falls back. */
export interface RetryPolicy {
  /** Retries of a 429 on the same upstream. */
  readonly retries: number;
  /** Longest retry delay waited out before falling back instead. */
  readonly maxRetryWaitMs: number;
}

/** Runs `attempt`, retrying a 429 after its `retryAfterMs` (1 s without one) as `policy` allows. */
export async function retrying429<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      const wait = (error as { retryAfterMs?: number }).retryAfterMs ?? 1000;
      if (!isRateLimited(error) || retry >= policy.retries || wait > policy.maxRetryWaitMs)
        throw error;
      // Node's abortable timer: a client that leaves ends the wait at once.
      await sleep(wait, undefined, { signal });
    }
  }
}
