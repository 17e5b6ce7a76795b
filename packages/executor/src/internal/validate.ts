import { checkKnownKeys, type KnownKeys, MAX_TIMER_MS } from '@hotpath/protocol';
import { InvalidArgumentError } from '../errors.ts';

/**
 * Rejects an options object with a key `known` does not list, naming the new spelling of an
 * old one (`timeout` → `timeoutMs`). Runs once per call of `map`, `first` and `runGraph` and
 * once per construction, never per item or per queued call.
 */
export function checkKeys(name: string, options: object | undefined, known: KnownKeys): void {
  if (options !== undefined) checkKnownKeys(options, known, name, toArgumentError);
}

function toArgumentError(message: string): InvalidArgumentError {
  return new InvalidArgumentError(message);
}

/** Throws unless `value` is a positive integer or `Infinity`. */
export function checkConcurrency(name: string, value: unknown): number {
  if (value === Number.POSITIVE_INFINITY) return value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(name, 'a positive integer or Infinity', value);
  }
  return value;
}

/**
 * Checks the options `map` and `runGraph` share: an object (or `undefined`) with only `known`
 * keys, a `concurrency` (default `Infinity`) and an optional `signal`. Returns the concurrency.
 */
export function checkRunOptions(
  options: { readonly concurrency?: number | undefined; readonly signal?: AbortSignal | undefined },
  known: KnownKeys,
): number {
  checkObject('options', options);
  checkKeys('options', options, known);
  const concurrency = checkConcurrency(
    'options.concurrency',
    options.concurrency === undefined ? Infinity : options.concurrency,
  );
  checkSignal('options.signal', options.signal);
  return concurrency;
}

/** Throws unless `value` is a function. */
export function checkFunction(name: string, value: unknown): void {
  if (typeof value !== 'function') throw new InvalidArgumentError(name, 'a function', value);
}

/** Throws unless `value` is `undefined` or an `AbortSignal`. */
export function checkSignal(name: string, value: unknown): void {
  if (value !== undefined && !(value instanceof AbortSignal)) {
    throw new InvalidArgumentError(name, 'an AbortSignal', value);
  }
}

/** Throws unless `value` is `undefined` or a finite number ≥ `min`. */
export function checkNumber(name: string, value: unknown, min = 0): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new InvalidArgumentError(
      name,
      min === -Infinity ? 'a finite number' : `a finite number >= ${min}`,
      value,
    );
  }
}

/** Throws unless `value` is `undefined`, a finite number > 0, or `Infinity`. */
export function checkPositive(name: string, value: unknown): void {
  if (value === undefined || value === Number.POSITIVE_INFINITY) return;
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new InvalidArgumentError(name, 'a number > 0', value);
  }
}

/** Throws unless `value` is an object (or `undefined` when `optional`). */
export function checkObject(name: string, value: unknown, optional = true): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'object' || value === null) {
    throw new InvalidArgumentError(name, 'an object', value);
  }
}

/** True for anything with a callable `then`: promises and other thenables. */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  if (typeof value === 'object') {
    return value !== null && typeof (value as { then?: unknown }).then === 'function';
  }
  return typeof value === 'function' && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Throws unless `value` is `undefined` or a finite number of ms from 0 to {@link MAX_TIMER_MS}:
 * a longer timeout would fire at once (Node clamps it to 1 ms) and fail every task.
 */
export function checkTimerMs(name: string, value: unknown): void {
  checkNumber(name, value);
  if (typeof value === 'number' && value > MAX_TIMER_MS) {
    throw new InvalidArgumentError(name, `at most ${MAX_TIMER_MS} ms (about 24.8 days)`, value);
  }
}
