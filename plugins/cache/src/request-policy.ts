import type { CompletionRequest } from '@hotpath/protocol';

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
