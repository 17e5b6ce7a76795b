import type { Usage } from '@hotpath/protocol';

/** USD per million tokens of one model. */
export interface ModelPrice {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
  /** Price of prompt tokens served from the provider's prompt cache. @default inputPerMillion */
  readonly cachedInputPerMillion?: number;
}

/** Prices by model name, for example `{ 'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 } }`. */
export type PriceTable = { readonly [model: string]: ModelPrice };

/** What one cache hit saved. */
export interface Savings {
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** The original call's latency, in ms. */
  readonly timeMs: number;
  /** USD, when the model is in the price table. */
  readonly cost?: number;
}

/** The USD cost of `usage` for `model`, or `undefined` when the model is not priced. */
export function costOf(
  prices: PriceTable | undefined,
  model: string,
  usage: Usage,
): number | undefined {
  // Own keys only: a model named `__proto__` or `toString` is simply not priced.
  const price = prices !== undefined && Object.hasOwn(prices, model) ? prices[model] : undefined;
  if (price === undefined) return undefined;
  const cached = usage.cachedInputTokens ?? 0;
  const cachedPrice = price.cachedInputPerMillion ?? price.inputPerMillion;
  const input = (usage.inputTokens - cached) * price.inputPerMillion + cached * cachedPrice;
  return (input + usage.outputTokens * price.outputPerMillion) / 1_000_000;
}

/** The savings of a hit on an entry with this usage and latency. */
export function savingsOf(
  prices: PriceTable | undefined,
  model: string,
  usage: Usage,
  timeMs: number,
): Savings {
  const cost = costOf(prices, model, usage);
  const base = { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, timeMs };
  return cost === undefined ? base : { ...base, cost };
}
