import { describeValue, isHotpathError } from '@hotpath/protocol';
import { ProviderUpstreamError } from './errors.ts';

// Checks a dialect's mapper runs on each field it reads from an upstream answer. They are
// typeof tests that allocate nothing on success, so a stream mapper can run them per event. A
// wrong-typed field throws a `TypeError` naming it: `decodeEvents` reports that as
// `MalformedChunkError` with the `TypeError` as cause, a dialect's `result()` as
// `ProviderUpstreamError` (see `malformedAnswer`). `null` counts as absent, as the APIs send it.

function wrongType(field: string, expected: string, value: unknown): never {
  throw new TypeError(`upstream field ${field}: expected ${expected}, got ${describeValue(value)}`);
}

/**
 * `value` when it is a string, `undefined` when it is absent (`undefined` or `null`); throws a
 * `TypeError` naming `field` for anything else.
 *
 * @param value - the upstream field
 * @param field - its path in the answer, for example `choices[0].delta.content`
 */
export function optionalString(value: unknown, field: string): string | undefined {
  if (typeof value === 'string') return value;
  return value == null ? undefined : wrongType(field, 'a string', value);
}

/**
 * `value` when it is a token count (a non-negative safe integer), `undefined` when it is absent;
 * throws a `TypeError` naming `field` for anything else (`"12"`, `-1`, `1.5`, `NaN`).
 *
 * @param value - the upstream field
 * @param field - its path in the answer, for example `usage.prompt_tokens`
 */
export function optionalCount(value: unknown, field: string): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  return value == null ? undefined : wrongType(field, 'a non-negative integer', value);
}

/**
 * `value` when it is a boolean, `undefined` when it is absent; throws a `TypeError` naming `field`
 * for anything else.
 *
 * @param value - the upstream field
 * @param field - its path in the answer, for example `done`
 */
export function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (typeof value === 'boolean') return value;
  return value == null ? undefined : wrongType(field, 'a boolean', value);
}

/**
 * `value` when it is a plain object (not an array), `undefined` when it is absent; throws a
 * `TypeError` naming `field` for anything else.
 *
 * @param value - the upstream field
 * @param field - its path in the answer, for example `usage`
 */
export function optionalObject<T extends object>(value: unknown, field: string): T | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as T;
  return value == null ? undefined : wrongType(field, 'an object', value);
}

/**
 * `value` when it is a plain object (not an array); throws a `TypeError` naming `field` for
 * anything else, `null` and `undefined` included.
 *
 * @param value - the upstream field
 * @param field - its path in the answer, for example `choices[].message`
 */
export function requiredObject<T extends object>(value: unknown, field: string): T {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as T;
  return wrongType(field, 'an object', value);
}

/**
 * `value` when it is an array, `undefined` when it is absent; throws a `TypeError` naming `field`
 * for anything else. Its elements are the caller's to check.
 *
 * @param value - the upstream field
 * @param field - its path in the answer, for example `choices`
 */
export function optionalArray<T>(value: unknown, field: string): readonly T[] | undefined {
  if (Array.isArray(value)) return value as T[];
  return value == null ? undefined : wrongType(field, 'an array', value);
}

/**
 * An embedding as a `Float32Array`: `value` must be an array of finite numbers that stay finite
 * in 32 bits; throws a `TypeError` naming `field` and the first bad component otherwise.
 *
 * @param value - the upstream vector
 * @param field - its path in the answer, for example `data[0].embedding`
 */
export function embeddingVector(value: unknown, field: string): Float32Array {
  if (!Array.isArray(value)) return wrongType(field, 'an array of numbers', value);
  const out = new Float32Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const component: unknown = value[i];
    if (typeof component !== 'number') wrongType(`${field}[${i}]`, 'a finite number', component);
    out[i] = component;
    if (!Number.isFinite(out[i])) wrongType(`${field}[${i}]`, 'a finite number', component);
  }
  return out;
}

/**
 * Checks a vector decoded from bytes (a base64 embedding): every component must be finite.
 *
 * @param vector - the decoded vector
 * @param field - its path in the answer, for example `data[0].embedding`
 */
export function finiteVector(vector: Float32Array, field: string): Float32Array {
  for (let i = 0; i < vector.length; i++)
    if (!Number.isFinite(vector[i])) wrongType(`${field}[${i}]`, 'a finite number', vector[i]);
  return vector;
}

/**
 * Runs a dialect's mapping of a whole (non-streamed) answer: a field of the wrong type (the
 * `TypeError` the checks above throw, or one the mapping trips over) becomes a
 * {@link ProviderUpstreamError} with it as `cause`; typed hotpath errors pass unchanged.
 *
 * @param provider - the dialect's name, for the error
 * @param map - the mapping
 * @example
 * ```ts
 * result: (wire, request) => mapAnswer('openai', () => completionResult(wire, request)),
 * ```
 */
export function mapAnswer<T>(provider: string, map: () => T): T {
  try {
    return map();
  } catch (cause) {
    throw malformedAnswer(provider, cause);
  }
}

/**
 * The error a provider reports for an answer that is valid JSON of the wrong shape: a
 * {@link ProviderUpstreamError} with `cause`, or `cause` itself when it is already a typed
 * hotpath error.
 *
 * @param provider - the provider's name
 * @param cause - what the mapping threw
 * @param status - the HTTP status of the answer, when known
 */
export function malformedAnswer(provider: string, cause: unknown, status?: number): unknown {
  if (isHotpathError(cause)) return cause;
  return new ProviderUpstreamError({
    provider,
    status,
    upstreamMessage: 'the response body is not the shape this provider answers in',
    cause,
  });
}
