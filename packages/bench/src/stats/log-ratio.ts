import { BenchArgumentError } from '../errors.ts';
import { median } from './median.ts';

/**
 * Paired log-ratios `ln(a[i] / b[i])`, one per round. Logs make a 2× slowdown and a
 * 2× speed-up symmetric (+0.69 and −0.69) and turn the median of ratios into a
 * location that a bootstrap can work on.
 */
export function logRatios(a: readonly number[], b: readonly number[]): number[] {
  if (!Array.isArray(a) || !Array.isArray(b)) {
    throw new BenchArgumentError('logRatios: "a" and "b" must be arrays of numbers');
  }
  if (a.length !== b.length) {
    throw new BenchArgumentError(
      `logRatios: "a" and "b" must be paired (same length), got ${a.length} and ${b.length}`,
    );
  }
  return a.map((value, i) => {
    const other = b[i]!;
    if (!(value > 0 && other > 0 && value < Infinity && other < Infinity)) {
      throw new BenchArgumentError(
        `logRatios: round ${i} has a non-positive or non-finite sample (${value}, ${other})`,
      );
    }
    return Math.log(value / other);
  });
}

/** The median paired ratio `a[i] / b[i]`, computed on the log scale. */
export function medianRatio(a: readonly number[], b: readonly number[]): number {
  return Math.exp(median(logRatios(a, b)));
}
