import { assertString } from './internal/validate.ts';

/**
 * How token counts are estimated for a model family without a public tokenizer:
 * the o200k_base count times `factor`, with the documented bounds `[low, high]` as factors.
 */
export interface EstimateRule {
  /** Lower-case model-name prefix, for example `claude`. */
  readonly prefix: string;
  /** Point estimate factor applied to the o200k_base count. */
  readonly factor: number;
  /** The true count is expected to be at least `low × o200k_base count`. */
  readonly low: number;
  /** The true count is expected to be at most `high × o200k_base count`. */
  readonly high: number;
}

/**
 * The estimate rules, first match wins; the last rule (empty prefix) covers every other model.
 * The factors are assumptions from published comparisons of these tokenizers with OpenAI's,
 * not measurements made here (their tokenizers are not public): see the README, "Estimates".
 */
export const ESTIMATE_RULES: readonly EstimateRule[] = Object.freeze([
  { prefix: 'claude', factor: 1.2, low: 1.0, high: 1.45 },
  { prefix: 'gemini', factor: 1.05, low: 0.85, high: 1.3 },
  { prefix: '', factor: 1.1, low: 0.8, high: 1.5 },
]);

/** The {@link EstimateRule} for `model`. */
export function estimateRuleFor(model: string): EstimateRule {
  assertString(model, 'model');
  const name = model.toLowerCase().replace(/^[a-z0-9-]+\//, '');
  return ESTIMATE_RULES.find((rule) => name.startsWith(rule.prefix))!;
}
