import { MAX_TIMER_MS } from '@hotpath/protocol';
import { CacheArgumentError } from '../errors.ts';

/** Throws unless `key` is a non-empty string. */
export function checkKey(key: unknown, name = 'key'): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new CacheArgumentError(name, 'a non-empty string', key);
  }
}

/** Throws unless `value` can be cached (anything but `undefined`, functions and symbols). */
export function checkValue(value: unknown): void {
  const type = typeof value;
  if (value === undefined || type === 'function' || type === 'symbol') {
    throw new CacheArgumentError(
      'value',
      'a serialisable value (not undefined, a function or a symbol)',
      value,
    );
  }
}

/** Throws unless `value` is `undefined` or a number ≥ 0 (Infinity allowed). */
export function checkDuration(value: unknown, name: string): asserts value is number | undefined {
  if (value !== undefined && (typeof value !== 'number' || !(value >= 0))) {
    throw new CacheArgumentError(name, 'a number of milliseconds ≥ 0', value);
  }
}

/**
 * The error for a value that `node:v8` cannot serialise (a function, symbol, WeakMap or promise
 * inside it), found when its size is estimated or it is encoded for L2.
 */
export function unserialisableValue(value: unknown, cause: unknown): CacheArgumentError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new CacheArgumentError(
    'value',
    `a value node:v8 can serialise (no function, symbol, WeakMap or promise inside it: ${reason})`,
    value,
  );
}

/**
 * {@link checkDuration} for a duration that arms a timer: also refuses a finite value above
 * {@link MAX_TIMER_MS}, which Node would fire after 1 ms (a 30-day timeout failing at once).
 * `Infinity` stays allowed and means no timer.
 */
export function checkTimerDuration(
  value: unknown,
  name: string,
): asserts value is number | undefined {
  checkDuration(value, name);
  if (value !== undefined && Number.isFinite(value) && (value as number) > MAX_TIMER_MS) {
    throw new CacheArgumentError(
      name,
      `a number of milliseconds ≥ 0 and at most ${MAX_TIMER_MS} (the longest timer Node keeps), or Infinity`,
      value,
    );
  }
}

/**
 * Throws unless `value` is `undefined` or a number of ms that can arm a timer: finite, at least
 * `min` and at most {@link MAX_TIMER_MS} (`NaN` or 2^31 would fire after 1 ms).
 */
export function checkTimerMs(value: unknown, name: string, min: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !(value >= min) || !(value <= MAX_TIMER_MS)) {
    throw new CacheArgumentError(
      name,
      `a number of milliseconds ${min === 0 ? '≥ 0' : '> 0'} and at most ${MAX_TIMER_MS}`,
      value,
    );
  }
}

/** Throws unless `tags` is `undefined` or an array of non-empty strings. */
export function checkTags(
  tags: unknown,
  name = 'tags',
): asserts tags is readonly string[] | undefined {
  if (tags === undefined) return;
  if (!Array.isArray(tags)) throw new CacheArgumentError(name, 'an array of strings', tags);
  for (const tag of tags) checkKey(tag, `${name}[]`);
}

/** Throws unless `signal` is `undefined` or an AbortSignal. */
export function checkSignal(signal: unknown): asserts signal is AbortSignal | undefined {
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new CacheArgumentError('options.signal', 'an AbortSignal', signal);
  }
}

/** Throws unless `status` is `undefined` or an object `getOrSet` can fill in. */
export function checkStatus(status: unknown): void {
  if (status !== undefined && (typeof status !== 'object' || status === null)) {
    throw new CacheArgumentError('options.status', 'an object ({} to be filled in)', status);
  }
}
