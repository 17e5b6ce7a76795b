import type { FlagValues } from './command.ts';
import { CliUsageError } from './errors.ts';

/** Bounds of a numeric flag. */
export interface NumberBounds {
  readonly min: number;
  readonly max: number;
  /** Only whole numbers. @default false */
  readonly integer?: boolean;
}

/**
 * The value of `--<name>` as a number within `bounds`, or `undefined` when the flag is absent.
 * `Infinity` (any case) is accepted where `max` allows it.
 */
export function numberFlag(
  values: FlagValues,
  name: string,
  command: string,
  bounds: NumberBounds,
): number | undefined {
  const raw = values[name];
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim().toLowerCase() === 'infinity' ? Infinity : Number(raw);
  const valid =
    raw.trim() !== '' &&
    !Number.isNaN(value) &&
    value >= bounds.min &&
    value <= bounds.max &&
    (bounds.integer !== true || Number.isInteger(value));
  if (!valid) {
    const kind = bounds.integer === true ? 'an integer' : 'a number';
    throw new CliUsageError(
      `--${name} must be ${kind} from ${bounds.min} to ${bounds.max}, got "${raw}"`,
      command,
    );
  }
  return value;
}

/** The value of the string flag `--<name>`, or `undefined` when it is absent. */
export function stringFlag(values: FlagValues, name: string): string | undefined {
  const raw = values[name];
  return typeof raw === 'string' ? raw : undefined;
}

/** Drops the `undefined` entries, so optional properties stay absent (exactOptionalPropertyTypes). */
export function defined<T extends object>(object: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}
