import type { CacheStats } from '../stats.ts';

/** Mutable counters behind {@link CacheStats}; one instance per cache, shared by its namespaces. */
export class Counters {
  l1Hits = 0;
  l1Misses = 0;
  l2Hits = 0;
  l2Misses = 0;
  l2Errors = 0;
  l2Skipped = 0;
  l2DecodeErrors = 0;
  staleServed = 0;
  coalesced = 0;
  factoryCalls = 0;
  factoryErrors = 0;
  factoryTimeouts = 0;
  sets = 0;
  deletes = 0;

  /** A frozen snapshot, with the derived hit rate and the L1 occupancy. */
  snapshot(entries: number, bytes: number): CacheStats {
    const l1Hits = this.l1Hits;
    const hits = l1Hits + this.l2Hits;
    const lookups = l1Hits + this.l1Misses;
    return Object.freeze({
      l1: { hits: l1Hits, misses: this.l1Misses },
      l2: {
        hits: this.l2Hits,
        misses: this.l2Misses,
        errors: this.l2Errors,
        skipped: this.l2Skipped,
        decodeErrors: this.l2DecodeErrors,
      },
      hits,
      misses: lookups - hits,
      hitRate: lookups === 0 ? 0 : hits / lookups,
      staleServed: this.staleServed,
      coalesced: this.coalesced,
      factory: {
        calls: this.factoryCalls,
        errors: this.factoryErrors,
        timeouts: this.factoryTimeouts,
      },
      sets: this.sets,
      deletes: this.deletes,
      entries,
      bytes,
    });
  }
}
