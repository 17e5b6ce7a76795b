import { MemoryArgumentError } from './errors.ts';

/** A least-squares straight line through points, with its goodness of fit. */
export interface LineFit {
  /** Points used. */
  readonly n: number;
  /** Change in y per unit of x. */
  readonly slope: number;
  /** y at x = 0. */
  readonly intercept: number;
  /**
   * Coefficient of determination R² = 1 − SSres / SStot, in [0, 1]: the share of the variance of y
   * the line explains. When every y is equal (SStot = 0) the horizontal line fits exactly and R² is 1;
   * the slope is then 0, so a leak rule that also requires a positive slope does not fire.
   */
  readonly r2: number;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

function checkPoints(xs: readonly number[], ys: readonly number[]): void {
  if (xs.length !== ys.length) {
    throw new MemoryArgumentError('ys', `as long as xs (${xs.length})`, ys.length);
  }
  if (xs.length < 2) throw new MemoryArgumentError('xs', 'at least 2 points', xs.length);
  for (const value of [...xs, ...ys]) {
    if (!Number.isFinite(value)) throw new MemoryArgumentError('xs/ys', 'finite numbers', value);
  }
}

/**
 * Fits `y = intercept + slope · x` by ordinary least squares (centred sums, so large byte counts
 * keep their precision) and reports R².
 *
 * @example
 * ```ts
 * fitLine([0, 1, 2], [10, 12, 14]); // { n: 3, slope: 2, intercept: 10, r2: 1 }
 * ```
 */
export function fitLine(xs: readonly number[], ys: readonly number[]): LineFit {
  checkPoints(xs, ys);
  const mx = mean(xs);
  const my = mean(ys);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) throw new MemoryArgumentError('xs', 'at least two distinct values', xs[0]);
  const slope = sxy / sxx;
  // SSres = SStot − slope·Sxy for a least-squares line; clamp rounding below 0.
  const r2 = syy === 0 ? 1 : Math.min(1, Math.max(0, (slope * sxy) / syy));
  return { n: xs.length, slope, intercept: my - slope * mx, r2 };
}
