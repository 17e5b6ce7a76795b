/** Counters of one tier. */
export interface TierStats {
  /** Lookups this tier answered. */
  readonly hits: number;
  /** Lookups this tier could not answer. */
  readonly misses: number;
}

/** Counters of the L2 tier, including its failures. */
export interface L2Stats extends TierStats {
  /** Store calls that threw or timed out; a failed batch of background writes counts each of its entries. */
  readonly errors: number;
  /** Store calls skipped while the store was backed off after an error. */
  readonly skipped: number;
  /** Entries that failed their integrity check or could not be decoded, treated as misses. */
  readonly decodeErrors: number;
}

/** A snapshot of a cache's counters, returned by `cache.stats()`. */
export interface CacheStats {
  readonly l1: TierStats;
  readonly l2: L2Stats;
  /** Lookups answered by L1 or L2 with a fresh value. */
  readonly hits: number;
  /** Lookups neither tier answered fresh. */
  readonly misses: number;
  /** `hits / (hits + misses)`, 0 before the first lookup. */
  readonly hitRate: number;
  /** Stale values served during grace (refresh running, failing or slow). */
  readonly staleServed: number;
  /** `getOrSet` callers that joined a factory call already in flight. */
  readonly coalesced: number;
  /** Factory runs, failures and hard timeouts. */
  readonly factory: { readonly calls: number; readonly errors: number; readonly timeouts: number };
  readonly sets: number;
  readonly deletes: number;
  /** Entries currently in L1. */
  readonly entries: number;
  /** Estimated bytes currently in L1. */
  readonly bytes: number;
}
