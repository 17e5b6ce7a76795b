import type { OutcomeStats } from '@hotpath/cache';

/** Running totals of what cache hits saved, across completions and streams. */
export interface CacheSavings {
  /** Calls answered without an upstream request of their own (`hit` and `shared`). */
  readonly hits: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Sum of the original calls' durations, in ms. */
  readonly timeMs: number;
  /** USD saved on models in the price table. */
  readonly cost: number;
}

/** The savings report: the sum of what the response and stream caches counted (nothing is counted twice). */
export function totalSavings(...stats: readonly OutcomeStats[]): CacheSavings {
  let hits = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let timeMs = 0;
  let cost = 0;
  for (const s of stats) {
    hits += s.hits + s.shared;
    inputTokens += s.savedInputTokens;
    outputTokens += s.savedOutputTokens;
    timeMs += s.savedMs;
    cost += s.savedCost;
  }
  return { hits, inputTokens, outputTokens, timeMs, cost };
}
