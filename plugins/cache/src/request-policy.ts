import type { CallContext, CompletionRequest } from '@hotpath/protocol';
import { tenantScope } from './scope.ts';

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

/** The cache options of one call: its tenant scope, its metadata switches, and its signal. */
export function cacheCallOptions(
  request: CompletionRequest,
  context: CallContext,
): CacheCallOptions {
  const policy = requestPolicy(request);
  return {
    scope: tenantScope(context),
    ...(policy.noCache ? { noCache: true } : {}),
    ...(policy.noStore ? { noStore: true } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  };
}
