import type { CacheOutcome } from '../cache-options.ts';
import type { Savings } from './prices.ts';

/** How an LLM cache answered so far, and what its hits saved. */
export interface OutcomeStats {
  /** Answers from a stored entry. */
  readonly hits: number;
  /** Answers taken from an identical call that was in flight. */
  readonly shared: number;
  /** Answers that needed an upstream call of their own. */
  readonly misses: number;
  /** Tokens, time (ms) and USD that `hit` and `shared` answers saved. */
  readonly savedInputTokens: number;
  readonly savedOutputTokens: number;
  readonly savedMs: number;
  /** USD saved on priced models. */
  readonly savedCost: number;
}

/** The running totals behind {@link OutcomeStats}: the one place an LLM cache counts outcomes and savings. */
export class OutcomeCounter {
  #hits = 0;
  #shared = 0;
  #misses = 0;
  #inputTokens = 0;
  #outputTokens = 0;
  #ms = 0;
  #cost = 0;

  /** Counts one answer. */
  count(outcome: CacheOutcome): void {
    if (outcome === 'hit') this.#hits++;
    else if (outcome === 'shared') this.#shared++;
    else this.#misses++;
  }

  /** Adds what one `hit` or `shared` answer saved. */
  save(saved: Savings): void {
    this.#inputTokens += saved.inputTokens;
    this.#outputTokens += saved.outputTokens;
    this.#ms += saved.timeMs;
    this.#cost += saved.cost ?? 0;
  }

  /** A snapshot of the totals. */
  snapshot(): OutcomeStats {
    return {
      hits: this.#hits,
      shared: this.#shared,
      misses: this.#misses,
      savedInputTokens: this.#inputTokens,
      savedOutputTokens: this.#outputTokens,
      savedMs: this.#ms,
      savedCost: this.#cost,
    };
  }
}
