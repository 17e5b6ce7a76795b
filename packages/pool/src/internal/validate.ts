import { checkKnownKeys, describeValue, type KnownKeys, MAX_TIMER_MS } from '@hotpath/protocol';
import { PoolArgumentError } from '../errors.ts';

/**
 * Rejects an options object with a key `known` does not list, naming the new spelling of an
 * old one (`connectTimeout` → `connectTimeoutMs`). Runs once per pool, never per request.
 */
export function checkKeys(name: string, options: object, known: KnownKeys): void {
  checkKnownKeys(options, known, name, toArgumentError);
}

function toArgumentError(message: string): PoolArgumentError {
  return new PoolArgumentError(message);
}

/** Throws unless `value` is undefined or an integer ≥ `min`. */
export function optionalInteger(name: string, value: unknown, min: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new PoolArgumentError(
      `\`${name}\` must be an integer ≥ ${min}, got ${describeValue(value)}`,
    );
  }
}

/** Throws unless each of the named options is undefined or a number ≥ 0 (Infinity allowed). */
export function optionalDurations<T extends object>(
  options: T,
  names: readonly (keyof T & string)[],
): void {
  for (const name of names) optionalDuration(`options.${name}`, options[name]);
}

/**
 * {@link optionalDurations} for options that arm a timer: a finite value above 2^31 − 1 ms is
 * refused too, since Node would fire it after 1 ms (an acquire timing out at once).
 */
export function optionalTimerDurations<T extends object>(
  options: T,
  names: readonly (keyof T & string)[],
): void {
  optionalDurations(options, names);
  for (const name of names) {
    const value = options[name];
    if (typeof value === 'number' && Number.isFinite(value) && value > MAX_TIMER_MS) {
      throw new PoolArgumentError(
        `\`options.${name}\` must be at most ${MAX_TIMER_MS} ms (the longest timer Node keeps) or Infinity, got ${describeValue(value)}`,
      );
    }
  }
}

function optionalDuration(name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new PoolArgumentError(
      `\`${name}\` must be a duration in milliseconds ≥ 0, got ${describeValue(value)}`,
    );
  }
}

/** Throws unless `value` is a function (or undefined when optional). */
export function isFunction(name: string, value: unknown, optional = false): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'function') {
    throw new PoolArgumentError(`\`${name}\` must be a function, got ${typeof value}`);
  }
}
