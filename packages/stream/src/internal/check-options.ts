import type { StreamDelta } from '@hotpath/protocol';
import { StreamArgumentError } from '../errors.ts';

const DELTA_TYPES = new Set(['text', 'reasoning', 'tool-call', 'usage', 'finish']);

/**
 * Whether `value` can pass through the operators: an object of one of the five delta types,
 * with string text for text and reasoning. Deliberately loose (extra fields pass): it stops
 * `null` or a string from a hand-written source crashing an operator with a bare `TypeError`.
 */
export function looksLikeDelta(value: unknown): value is StreamDelta {
  if (typeof value !== 'object' || value === null) return false;
  const { type, text } = value as { type?: unknown; text?: unknown };
  if (!DELTA_TYPES.has(type as string)) return false;
  return (type !== 'text' && type !== 'reasoning') || typeof text === 'string';
}

/** The error for a source that yielded something that is not a delta. */
export function notADelta(name: string, value: unknown): StreamArgumentError {
  const what =
    value === null
      ? 'null'
      : typeof value === 'object'
        ? 'an object without a delta type'
        : `a ${typeof value}`;
  return new StreamArgumentError(`${name}(stream): the stream yielded ${what}, not a StreamDelta`);
}

/** Checks an optional `signal` option: anything shaped like an AbortSignal. */
export function checkSignal(signal: unknown, name: string): void {
  if (signal === undefined) return;
  const candidate = signal as Partial<AbortSignal> | null;
  if (typeof candidate?.addEventListener !== 'function' || typeof candidate.aborted !== 'boolean') {
    throw new StreamArgumentError(`${name}: options.signal must be an AbortSignal`);
  }
}

/** Checks an optional `upstream` option: something with an `abort()` method. */
export function checkUpstream(upstream: unknown, name: string): void {
  if (upstream === undefined) return;
  if (typeof (upstream as { abort?: unknown } | null)?.abort !== 'function') {
    throw new StreamArgumentError(
      `${name}: options.upstream must have an abort() method (an AbortController)`,
    );
  }
}

/** Checks an optional `startedAt` option: a finite `performance.now()` reading. */
export function checkStartedAt(startedAt: unknown, name: string): void {
  if (startedAt !== undefined && !Number.isFinite(startedAt)) {
    throw new StreamArgumentError(`${name}: options.startedAt must be a performance.now() time`);
  }
}

/** Whether a body chunk is bytes `TextDecoder` can read (`Uint8Array`, any view, an ArrayBuffer). */
export function isBytes(chunk: unknown): boolean {
  return ArrayBuffer.isView(chunk) || chunk instanceof ArrayBuffer;
}

/** The error for a body that yielded something other than bytes. */
export function notBytes(chunk: unknown): StreamArgumentError {
  const what =
    chunk === null ? 'null' : typeof chunk === 'string' ? 'a string' : `a ${typeof chunk}`;
  return new StreamArgumentError(
    `The body yielded ${what}, not a Uint8Array: pass the raw byte stream (for a Node stream, do not call setEncoding()).`,
  );
}
