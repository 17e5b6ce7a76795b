import { type KnownKeys, knownKeys } from '@hotpath/protocol';
import type {
  AdaptiveTtlOptions,
  BackoffOptions,
  CacheOptions,
  GetOrSetOptions,
  L2Options,
  SetOptions,
} from '../cache-options.ts';

/** The keys of {@link CacheOptions}: any other key is rejected, naming the new spelling of an old one. */
export const CACHE_OPTIONS: KnownKeys = knownKeys<CacheOptions>({
  max: true,
  maxBytes: true,
  ttlMs: true,
  graceMs: true,
  timeoutMs: true,
  softTimeoutMs: true,
  backoff: true,
  l2: true,
  bus: true,
  admission: true,
  adaptiveTtl: true,
  sizeOf: true,
});

/** The keys of {@link L2Options}. */
export const L2_OPTIONS: KnownKeys = knownKeys<L2Options>({
  store: true,
  timeoutMs: true,
  retryAfterMs: true,
  maxRetryAfterMs: true,
});

/** The keys of {@link BackoffOptions}. */
export const BACKOFF_OPTIONS: KnownKeys = knownKeys<BackoffOptions>({ baseMs: true, maxMs: true });

/** The keys of {@link AdaptiveTtlOptions}. */
export const ADAPTIVE_TTL_OPTIONS: KnownKeys = knownKeys<AdaptiveTtlOptions>({
  maxMs: true,
  hitsPerStep: true,
});

/** The keys of {@link SetOptions}. */
export const SET_OPTIONS: KnownKeys = knownKeys<SetOptions>({
  ttlMs: true,
  graceMs: true,
  tags: true,
});

/** The keys of {@link GetOrSetOptions}. */
export const GET_OR_SET_OPTIONS: KnownKeys = knownKeys<GetOrSetOptions>({
  ttlMs: true,
  graceMs: true,
  tags: true,
  signal: true,
  timeoutMs: true,
  softTimeoutMs: true,
  status: true,
});
