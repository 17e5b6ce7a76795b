import { BenchArgumentError } from '../errors.ts';
import { checkValues } from './check-values.ts';

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
  const fraction = position - below;
  if (fraction === 0) return low;
  const high = sorted[above]!;
  const step = high - low;
  // Two values of opposite sign near ±MAX_VALUE overflow their difference: weigh them instead.
  return Number.isFinite(step) ? low + step * fraction : low * (1 - fraction) + high * fraction;
}

/**
 * The `q`-quantile (0 ≤ q ≤ 1) of `values`, interpolated linearly; see {@link quantileSorted}.
 * @throws {BenchArgumentError} when `values` is empty or holds anything but finite numbers
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1))
    throw new BenchArgumentError(`quantile: "q" must be in [0, 1], got ${q}`);
  checkValues(values, 'quantile');
  return quantileSorted(sortedCopy(values), q);
}

/**
 * The median of `values` (the mean of the two middle values for an even count).
 * @throws {BenchArgumentError} when `values` is empty or holds anything but finite numbers
 */
export function median(values: ArrayLike<number>): number {
  checkValues(values, 'median');
  return quantileSorted(sortedCopy(values), 0.5);
}
