import { MemoryArgumentError } from '../errors.ts';

/** Throws unless `value` is `undefined` or an `AbortSignal` (a string would fail later, untyped). */
export function checkSignal(value: unknown): AbortSignal | undefined {
  if (value === undefined || value instanceof AbortSignal) return value;
  throw new MemoryArgumentError('options.signal', 'an AbortSignal', value);
}
