import { BenchArgumentError } from './errors.ts';
import { bootstrapMedian } from './stats/bootstrap.ts';
import { logRatios } from './stats/log-ratio.ts';

/** A paired ratio with its bootstrap confidence interval. */
export interface RatioEstimate {
  /** Median of the per-round ratios (computed on the log scale). */
  readonly ratio: number;
  /** Lower end of the 95% confidence interval of the ratio. */
  readonly low: number;
  /** Upper end of the 95% confidence interval of the ratio. */
  readonly high: number;
  /** Two-sided bootstrap p-value against the null ratio (1, or a target's `min`). */
  readonly p: number;
  /** Number of paired rounds. */
  readonly n: number;
}

/** Options for {@link estimateRatio}. */
export interface EstimateOptions {
  /** Seed of the bootstrap. @default 1 */
  readonly seed?: number;
  /** Bootstrap resamples. @default 10000 */
  readonly resamples?: number;
  /** Ratio the p-value tests against. @default 1 */
  readonly nullRatio?: number;
}

/**
 * Paired estimate of `numerator[i] / denominator[i]` over rounds: the median
 * log-ratio with a percentile-bootstrap 95% interval, returned on the ratio scale.
 */
export function estimateRatio(
  numerator: readonly number[],
  denominator: readonly number[],
  options: EstimateOptions = {},
): RatioEstimate {
  const nullRatio = options.nullRatio ?? 1;
  if (!(nullRatio > 0 && Number.isFinite(nullRatio))) {
    throw new BenchArgumentError(
      `estimateRatio: "nullRatio" must be a finite number > 0, got ${nullRatio}`,
    );
  }
  const estimate = bootstrapMedian(logRatios(numerator, denominator), {
    seed: options.seed ?? 1,
    resamples: options.resamples ?? 10_000,
    nullValue: Math.log(nullRatio),
  });
  return {
    ratio: Math.exp(estimate.median),
    low: Math.exp(estimate.low),
    high: Math.exp(estimate.high),
    p: estimate.p,
    n: estimate.n,
  };
}
