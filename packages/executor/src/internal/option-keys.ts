import { type KnownKeys, knownKeys } from '@hotpath/protocol';
import type { BatcherOptions } from '../batcher.ts';
import type { GraphOptions } from '../graph.ts';
import type { RateLimit, RateLimiterOptions } from '../rate-limiter.ts';

/** The keys of {@link GraphOptions}. */
export const GRAPH_OPTIONS: KnownKeys = knownKeys<GraphOptions>({
  concurrency: true,
  signal: true,
});

/** The keys of {@link BatcherOptions}. */
export const BATCHER_OPTIONS: KnownKeys = knownKeys<BatcherOptions<unknown>>({
  maxBatchSize: true,
  maxWaitMs: true,
  maxConcurrentBatches: true,
  key: true,
});

/** The keys of {@link RateLimiterOptions}. */
export const RATE_LIMITER_OPTIONS: KnownKeys = knownKeys<RateLimiterOptions>({
  limits: true,
  store: true,
  prefix: true,
  jitter: true,
});

/** The keys of one {@link RateLimit}. */
export const RATE_LIMIT: KnownKeys = knownKeys<RateLimit>({
  name: true,
  unit: true,
  limit: true,
  intervalMs: true,
  fromHeaders: true,
});
