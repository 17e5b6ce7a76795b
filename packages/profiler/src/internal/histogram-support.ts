import { ProfilerArgumentError } from '../errors.ts';

/** Sum of the eight counts from `i`: lets percentile walks skip ahead. */
export function sum8(counts: Float64Array, i: number): number {
  return (
    counts[i]! +
    counts[i + 1]! +
    counts[i + 2]! +
    counts[i + 3]! +
    counts[i + 4]! +
    counts[i + 5]! +
    counts[i + 6]! +
    counts[i + 7]!
  );
}

export function invalidValue(value: number): ProfilerArgumentError {
  return new ProfilerArgumentError('value', 'a finite number >= 0', value);
}

export function checkQuantiles(quantiles: readonly number[]): void {
  for (const q of quantiles) {
    if (!(q >= 0 && q <= 1)) {
      throw new ProfilerArgumentError('quantile', 'a number between 0 and 1', q);
    }
  }
}

/** The smallest normal double, 2^-1022. */
const MIN_NORMAL = 2 ** -1022;

export function checkOptions(bits: number, lowest: number, highest: number): void {
  if (!Number.isInteger(bits) || bits < 1 || bits > 12) {
    throw new ProfilerArgumentError('options.precisionBits', 'an integer from 1 to 12', bits);
  }
  // Subnormals have no exponent for the bucket layout to read: they would share one wrong bucket.
  if (!(lowest >= MIN_NORMAL && lowest < Number.POSITIVE_INFINITY)) {
    throw new ProfilerArgumentError('options.lowest', 'a finite number ≥ 2^-1022', lowest);
  }
  if (!(highest > lowest && highest < Number.POSITIVE_INFINITY)) {
    throw new ProfilerArgumentError('options.highest', 'a finite number > options.lowest', highest);
  }
}
