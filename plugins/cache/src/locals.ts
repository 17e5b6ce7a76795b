import type { CacheOutcome, Savings } from '@hotpath/cache';

/**
 * What the cache plugin did with a call, in `ctx.locals.cache`: `hit` (a stored answer),
 * `shared` (joined an identical call in flight), `miss` (went upstream).
 */
export type CacheStatus = CacheOutcome;

declare module '@hotpath/protocol' {
  interface CallLocals {
    /**
     * Written by `@hotpath/plugin-cache`: `hit`, `shared` or `miss` (for embeddings, `hit` when
     * every text was cached); unset when the call was not cacheable. Streams have it from their
     * first delta on.
     */
    cache?: CacheStatus;
    /** Written by `@hotpath/plugin-cache` on `hit` and `shared` completions and streams: what the call saved. */
    cacheSavings?: Savings;
    /** Written by `@hotpath/plugin-cache` on embeddings: how many of the batch's texts came from the cache. */
    cachedEmbeddings?: number;
  }
}
