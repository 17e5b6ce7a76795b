import type { CallContext, CompletionRequest } from '@hotpath/protocol';

/** The per-request switch: `request.metadata['hotpath-cache']`. */
export const METADATA_KEY = 'hotpath-cache';

/** What one request asks of the cache through its metadata. */
export interface RequestCachePolicy {
  /** `'no-cache'`: skip the lookup, still store the fresh answer. */
  readonly noCache: boolean;
  /** `'no-store'`: answer from the cache if possible, never store. */
  readonly noStore: boolean;
}

/** Reads `request.metadata['hotpath-cache']` (`no-cache`, `no-store`, or absent). */
export function requestPolicy(request: CompletionRequest): RequestCachePolicy {
  const value = request.metadata?.[METADATA_KEY];
  return { noCache: value === 'no-cache', noStore: value === 'no-store' };
}

/** The per-call options both caching middlewares pass to their cache. */
export interface CacheCallOptions {
  readonly scope: string;
  readonly noCache?: true;
  readonly noStore?: true;
  readonly signal?: AbortSignal;
}

/** The cache options of one call: its tenant `scope`, its metadata switches, and its signal. */
export function cacheCallOptions(
  request: CompletionRequest,
  context: CallContext,
  scope: string,
): CacheCallOptions {
  // One object per call, built in one go: this runs before every cached completion.
  const value = request.metadata?.[METADATA_KEY];
  const signal = context.signal;
  if (value === undefined) return signal ? { scope, signal } : { scope };
  const options: { -readonly [K in keyof CacheCallOptions]: CacheCallOptions[K] } = { scope };
  if (value === 'no-cache') options.noCache = true;
  if (value === 'no-store') options.noStore = true;
  if (signal) options.signal = signal;
  return options;
}
