import { costOf, type PriceTable, type Savings } from '@hotpath/cache';
import type { Usage } from '@hotpath/protocol';

/** Running totals of what cache hits saved, across completions and streams. */
export interface CacheSavings {
  /** Calls answered without an upstream request of their own (`hit` and `shared`). */
  readonly hits: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Sum of the original calls' latencies, in ms (completions only). */
  readonly timeMs: number;
  /** USD saved on models in the price table. */
  readonly cost: number;
}

/** Accumulates {@link CacheSavings}. */
export class SavingsCounter {
  readonly #prices: PriceTable | undefined;
  #hits = 0;
  #inputTokens = 0;
  #outputTokens = 0;
  #timeMs = 0;
  #cost = 0;

  constructor(prices: PriceTable | undefined) {
    this.#prices = prices;
  }

  /** Adds the savings of one hit. */
  add(saved: Savings): void {
    this.#hits++;
    this.#inputTokens += saved.inputTokens;
    this.#outputTokens += saved.outputTokens;
    this.#timeMs += saved.timeMs;
    this.#cost += saved.cost ?? 0;
  }

  /** The savings of a replayed stream with this usage, added to the totals. */
  addUsage(model: string, usage: Usage): Savings {
    const cost = costOf(this.#prices, model, usage);
    const base = { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, timeMs: 0 };
    const saved = cost === undefined ? base : { ...base, cost };
    this.add(saved);
    return saved;
  }

  /** A snapshot of the totals. */
  totals(): CacheSavings {
    return {
      hits: this.#hits,
      inputTokens: this.#inputTokens,
      outputTokens: this.#outputTokens,
      timeMs: this.#timeMs,
      cost: this.#cost,
    };
  }
}
