import { BenchArgumentError } from '../errors.ts';

function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

function checkNotEmpty(values: ArrayLike<number>, what: string): void {
  if (values.length === 0) throw new BenchArgumentError(`${what}: "values" must not be empty`);
}

/**
 * The `q`-quantile of already sorted values, with linear interpolation between
 * neighbours (the default "type 7" of R and NumPy).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  checkNotEmpty(sorted, 'quantileSorted');
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (position - below);
}

/** The `q`-quantile (0 ≤ q ≤ 1) of `values`, interpolated linearly; see {@link quantileSorted}. */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1))
    throw new BenchArgumentError(`quantile: "q" must be in [0, 1], got ${q}`);
  checkNotEmpty(values, 'quantile');
  return quantileSorted(sortedCopy(values), q);
}

/** The median of `values` (the mean of the two middle values for an even count). */
export function median(values: ArrayLike<number>): number {
  checkNotEmpty(values, 'median');
  return quantileSorted(sortedCopy(values), 0.5);
}
