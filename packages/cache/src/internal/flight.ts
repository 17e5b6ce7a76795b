import type { CacheOutcome } from '../cache-options.ts';
import type { Entry } from './entry.ts';

/**
 * One shared load of a key: the L2 lookup, then the factory when L2 had nothing fresh.
 * Callers join it; when every foreground caller has aborted, the factory is aborted too.
 */
export class Flight {
  readonly controller: AbortController = new AbortController();
  /** The L2 entry (fresh or stale), or `undefined`. Never rejects. */
  lookup: Promise<Entry | undefined> = Promise.resolve(undefined);
  /** True once `found` holds the lookup's result (a synchronous L2 answered at once). */
  looked = false;
  /** The lookup's result, when `looked`. */
  found: Entry | undefined = undefined;
  /** The value: fresh from L2 or from the factory. */
  result: Promise<unknown> = Promise.resolve(undefined);
  /** True once the factory was called: its callers then got a `miss` (the starter) or `shared`. */
  factoryCalled = false;
  /** Callers still waiting; background refreshes are never aborted. */
  waiters = 0;
  background = false;

  /** How a caller that started (`joined` false) or joined this flight got the value it produced. */
  outcome(joined: boolean): CacheOutcome {
    if (!this.factoryCalled) return 'hit';
    return joined ? 'shared' : 'miss';
  }

  /** A caller gave up; aborts the factory when it was the last one. */
  leave(reason: unknown): boolean {
    this.waiters--;
    if (this.waiters > 0 || this.background) return false;
    this.controller.abort(reason);
    return true;
  }
}
