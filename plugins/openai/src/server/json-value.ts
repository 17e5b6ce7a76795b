import { invalidValue, unsupportedParameter } from '../errors.ts';

/** A parsed JSON object. */
export type Json = Record<string, unknown>;

/** True for a JSON object (not an array, not null). */
export const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Set and not `null` (OpenAI treats a `null` parameter as absent). */
export const present = (v: unknown): boolean => v !== undefined && v !== null;

/** `value` as a string, or a 400 naming `param`. */
export function string(value: unknown, param: string): string {
  if (typeof value !== 'string') throw invalidValue(param, 'a string');
  return value;
}

/** No keys: the default of {@link onlyKnown}, shared instead of a new set per message. */
const NONE: ReadonlySet<string> = new Set();

/**
 * Refuses any key of `object` outside `known` that carries a value, naming it: a field that
 * would otherwise be dropped. `null` (and `[]` where `emptyOk`) count as absent, since clients
 * echo answers back with `refusal: null` or `annotations: []`.
 */
export function onlyKnown(
  object: Json,
  known: ReadonlySet<string>,
  param: string,
  emptyOk: ReadonlySet<string> = NONE,
): void {
  // for…in over a parsed JSON object: its own keys, without an array of them per message.
  for (const key in object) {
    if (known.has(key)) continue;
    const value = object[key];
    if (!present(value)) continue;
    if (emptyOk.has(key) && Array.isArray(value) && value.length === 0) continue;
    throw unsupportedParameter(
      `${param}.${key}`,
      'hotpath does not relay this field; leave it out.',
    );
  }
}
