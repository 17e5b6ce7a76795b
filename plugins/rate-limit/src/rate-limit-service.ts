import { channel } from 'node:diagnostics_channel';
import type { RateLimiter } from '@hotpath/executor';
import type { RateLimitInfo } from '@hotpath/protocol';
import { RATE_LIMIT_CHANNELS } from './channels.ts';

const updateFailedChannel = channel(RATE_LIMIT_CHANNELS.updateFailed);

/** Counters of what the plugin did since the host started. */
export interface RateLimitStats {
  /** Reservations taken (one per call that went past the limiter). */
  readonly acquired: number;
  /** Tokens reserved by estimate, over every call. */
  readonly estimatedTokens: number;
  /** Tokens the provider reported using, over every reconciled call. */
  readonly usedTokens: number;
  /** Tokens handed back by reconciling (estimate minus real usage; negative when estimates were low). */
  readonly refundedTokens: number;
  /** Calls that failed with the provider's rate-limit error (429), after its retries. */
  readonly rateLimited: number;
  /** Header updates applied through `update()`. */
  readonly updates: number;
  /** Store operations that failed after the provider had answered (reconcile, update); the call itself was not failed. */
  readonly storeFailures: number;
}

/** The `rate-limit` service: the shared limiter, provider header updates and counters. */
export interface RateLimitService {
  /** The limiter every wrapped call goes through. */
  readonly limiter: RateLimiter;
  /**
   * Applies what a provider reported, for example from `createOpenAIProvider({ onRateLimit })`.
   * Never rejects: a store failure is counted in `stats().storeFailures` and published on
   * `hotpath:plugin-rate-limit:update-failed`.
   */
  update(info: RateLimitInfo): Promise<void>;
  /** A snapshot of the counters. */
  stats(): RateLimitStats;
}

declare module '@hotpath/protocol' {
  interface Services {
    'rate-limit': RateLimitService;
  }
}

type Counters = { -readonly [K in keyof RateLimitStats]: number };

/** The service plus the counters the middleware writes. */
export interface ServiceState {
  readonly service: RateLimitService;
  readonly counters: Counters;
}

/** Records a store failure that must not fail a call the provider already answered. */
export function storeFailed(counters: Counters, operation: string, error: unknown): void {
  counters.storeFailures++;
  if (updateFailedChannel.hasSubscribers) updateFailedChannel.publish({ operation, error });
}

/** Builds the `rate-limit` service around `limiter`. */
export function createService(limiter: RateLimiter): ServiceState {
  const counters: Counters = {
    acquired: 0,
    estimatedTokens: 0,
    usedTokens: 0,
    refundedTokens: 0,
    rateLimited: 0,
    updates: 0,
    storeFailures: 0,
  };
  const service: RateLimitService = {
    limiter,
    async update(info) {
      try {
        await limiter.update(info);
        counters.updates++;
      } catch (error) {
        storeFailed(counters, 'update', error);
      }
    },
    stats: () => ({ ...counters }),
  };
  return { service, counters };
}
