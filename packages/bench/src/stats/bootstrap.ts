import { BenchArgumentError } from '../errors.ts';
import { checkValues } from './check-values.ts';
import { median, quantileSorted } from './median.ts';
import { createRandom } from './random.ts';

/** Options for {@link bootstrapMedian}. */
export interface BootstrapOptions {
  /** Number of resamples. More resamples give finer p-values (the smallest is `2 / (resamples + 1)`). @default 10000 */
  readonly resamples?: number;
  /** Two-sided confidence level of the interval. @default 0.95 */
  readonly confidence?: number;
  /** Seed of the resampling generator, so the same data always gives the same interval. @default 1 */
  readonly seed?: number;
  /** The value the median is tested against for the p-value. @default 0 */
  readonly nullValue?: number;
}

/** A median with its percentile-bootstrap confidence interval and p-value. */
export interface BootstrapEstimate {
  /** Median of the data. */
  readonly median: number;
  /** Lower end of the confidence interval. */
  readonly low: number;
  /** Upper end of the confidence interval. */
  readonly high: number;
  /** Two-sided bootstrap p-value of "the median equals `nullValue`". */
  readonly p: number;
  /** Number of data points. */
  readonly n: number;
}

function resampledMedians(
  values: readonly number[],
  resamples: number,
  seed: number,
): Float64Array {
  const random = createRandom(seed);
  const n = values.length;
  const draw = new Float64Array(n);
  const medians = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) draw[i] = values[Math.floor(random() * n)]!;
    draw.sort();
    medians[r] = quantileSorted(draw, 0.5);
  }
  return medians.sort();
}

function twoSidedP(sorted: Float64Array, nullValue: number): number {
  let below = 0;
  let above = 0;
  for (const value of sorted) {
    if (value <= nullValue) below++;
    if (value >= nullValue) above++;
  }
  return Math.min(1, (2 * (1 + Math.min(below, above))) / (sorted.length + 1));
}

function checkOptions(
  values: readonly number[],
  resamples: number,
  confidence: number,
  nullValue: number,
): void {
  checkValues(values, 'bootstrapMedian');
  // A NaN or infinite null value is on neither side of any median: p would read as significant.
  if (!Number.isFinite(nullValue)) {
    throw new BenchArgumentError(
      `bootstrapMedian: "nullValue" must be a finite number, got ${nullValue}`,
    );
  }
  if (!(Number.isInteger(resamples) && resamples >= 100)) {
    throw new BenchArgumentError(
      `bootstrapMedian: "resamples" must be an integer ≥ 100, got ${resamples}`,
    );
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new BenchArgumentError(
      `bootstrapMedian: "confidence" must be in (0, 1), got ${confidence}`,
    );
  }
}

/**
 * Percentile bootstrap of the median: resamples the data with replacement, takes
 * each resample's median, and reads the confidence interval off the quantiles of
 * those medians. The p-value is the share of resampled medians on the far side of
 * `nullValue`, doubled. Seeded, so results are reproducible.
 */
export function bootstrapMedian(
  values: readonly number[],
  options: BootstrapOptions = {},
): BootstrapEstimate {
  if (typeof options !== 'object' || options === null) {
    throw new BenchArgumentError('bootstrapMedian: "options" must be an object');
  }
  const { resamples = 10_000, confidence = 0.95, seed = 1, nullValue = 0 } = options;
  checkOptions(values, resamples, confidence, nullValue);
  const medians = resampledMedians(values, resamples, seed);
  const tail = (1 - confidence) / 2;
  return {
    median: median(values),
    low: quantileSorted(medians, tail),
    high: quantileSorted(medians, 1 - tail),
    p: twoSidedP(medians, nullValue),
    n: values.length,
  };
}
