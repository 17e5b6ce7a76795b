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
  readonly key: string;
  readonly noCache?: true;
  readonly noStore?: true;
  readonly signal?: AbortSignal;
}

/** The cache options of one call: its scope and key, its metadata switches, and its signal. */
export function cacheCallOptions(
  request: CompletionRequest,
  context: CallContext,
  scope: string,
  key: string,
): CacheCallOptions {
  const policy = requestPolicy(request);
  return {
    scope,
    key,
    ...(policy.noCache ? { noCache: true } : {}),
    ...(policy.noStore ? { noStore: true } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  };
}
