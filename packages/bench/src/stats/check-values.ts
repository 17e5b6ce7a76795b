import { describeValue } from '@hotpath/protocol';
import { BenchArgumentError } from '../errors.ts';

/**
 * Throws unless `values` is a non-empty array (or typed array) of finite numbers: a NaN sorts
 * last and an infinity makes interpolation NaN, so either would give a wrong statistic quietly.
 *
 * @param values - the sample
 * @param what - the function, for the message (`median`, `bootstrapMedian`)
 */
export function checkValues(values: unknown, what: string): asserts values is ArrayLike<number> {
  if (!Array.isArray(values) && !(ArrayBuffer.isView(values) && !(values instanceof DataView))) {
    throw new BenchArgumentError(
      `${what}: "values" must be an array of numbers, got ${describeValue(values)}`,
    );
  }
  const list = values as ArrayLike<unknown>;
  if (list.length === 0) throw new BenchArgumentError(`${what}: "values" must not be empty`);
  for (let i = 0; i < list.length; i++) {
    const value = list[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new BenchArgumentError(
        `${what}: every value must be a finite number, got ${describeValue(value)} at index ${i}`,
      );
    }
  }
}
