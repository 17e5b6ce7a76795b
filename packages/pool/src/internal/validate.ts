import { PoolArgumentError } from '../errors.ts';

/** Throws unless `value` is undefined or an integer ≥ `min`. */
export function optionalInteger(name: string, value: unknown, min: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new PoolArgumentError(`\`${name}\` must be an integer ≥ ${min}, got ${String(value)}`);
  }
}

/** Throws unless `value` is undefined or a number ≥ 0 (Infinity allowed). */
export function optionalDuration(name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new PoolArgumentError(
      `\`${name}\` must be a duration in milliseconds ≥ 0, got ${String(value)}`,
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
