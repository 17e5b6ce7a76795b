import { MemoryArgumentError } from './errors.ts';

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The Hodges–Lehmann estimate of the centre of `values`: the median of all pairwise means
 * `(vᵢ + vⱼ) / 2` with `i ≤ j`. Nearly as precise as the mean on clean data, and as robust as a
 * median to outliers: up to 29% of the values can be arbitrarily far off without moving it far.
 *
 * @example
 * ```ts
 * hodgesLehmann([10, 11, 9, 10, 12, 10, 11, -500]); // 10: the one drop barely counts
 * ```
 */
export function hodgesLehmann(values: readonly number[]): number {
  if (values.length === 0) throw new MemoryArgumentError('values', 'at least 1 number', 0);
  const means: number[] = [];
  for (let i = 0; i < values.length; i++) {
    for (let j = i; j < values.length; j++) means.push((values[i]! + values[j]!) / 2);
  }
  return median(means.sort((a, b) => a - b));
}

/**
 * One-sided sign-test p-value: the chance of at least `successes` heads in `trials` fair coin
 * flips, P(X ≥ successes) for X ~ Binomial(trials, ½), summed from the binomial
 * coefficients in doubles (exact while they stay below 2^53), for any `trials` up to 1000.
 *
 * @example
 * ```ts
 * signTestPValue(7, 8); // 0.0352: grew in 7 of 8 rounds by chance 3.5% of the time
 * ```
 */
export function signTestPValue(successes: number, trials: number): number {
  if (!Number.isInteger(trials) || trials < 0 || trials > 1000) {
    throw new MemoryArgumentError('trials', 'an integer in [0, 1000]', trials);
  }
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new MemoryArgumentError('successes', `an integer in [0, ${trials}]`, successes);
  }
  // C(trials, k) and 2^trials stay below 1.8e308 for trials ≤ 1000; dividing by a power of two is exact.
  let choose = 1;
  let tail = 0;
  for (let k = 0; k <= trials; k++) {
    if (k >= successes) tail += choose;
    choose = (choose * (trials - k)) / (k + 1);
  }
  return Math.min(1, tail / 2 ** trials);
}

/** Slopes between consecutive points: `(ys[i+1] − ys[i]) / (xs[i+1] − xs[i])`. */
export function stepSlopes(xs: readonly number[], ys: readonly number[]): number[] {
  if (xs.length !== ys.length) {
    throw new MemoryArgumentError('ys', `as long as xs (${xs.length})`, ys.length);
  }
  const slopes: number[] = [];
  for (let i = 1; i < xs.length; i++) {
    const dx = xs[i]! - xs[i - 1]!;
    if (!(dx > 0)) throw new MemoryArgumentError('xs', 'strictly increasing numbers', xs[i]);
    slopes.push((ys[i]! - ys[i - 1]!) / dx);
  }
  return slopes;
}
