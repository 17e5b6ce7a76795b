import { MalformedChunkError } from '../errors.ts';

/** `JSON.parse` that reports failure as {@link MalformedChunkError}. */
export function parseChunk<T>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new MalformedChunkError(text, { cause: error });
  }
}

/** A JSON value narrowed to an object, or undefined. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}

/** `JSON.parse` of `text.slice(start, end)`; a failure reports the whole `text`. */
export function parseSlice<T>(text: string, start: number, end: number): T {
  try {
    return JSON.parse(text.slice(start, end)) as T;
  } catch (error) {
    throw new MalformedChunkError(text, { cause: error });
  }
}
