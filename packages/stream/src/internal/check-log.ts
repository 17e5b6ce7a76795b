import type { StreamDelta } from '@hotpath/protocol';
import { StreamArgumentError } from '../errors.ts';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const optionalString = (value: unknown): boolean =>
  value === undefined || typeof value === 'string';
const count = (value: unknown): boolean => typeof value === 'number' && value >= 0;

/** Whether `value` has the shape of one of the five {@link StreamDelta} kinds. */
function isDelta(value: unknown): value is StreamDelta {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'text':
    case 'reasoning':
      return typeof value.text === 'string';
    case 'tool-call':
      return (
        Number.isInteger(value.index) &&
        typeof value.argumentsDelta === 'string' &&
        optionalString(value.id) &&
        optionalString(value.name)
      );
    case 'usage':
      return (
        isObject(value.usage) && count(value.usage.inputTokens) && count(value.usage.outputTokens)
      );
    case 'finish':
      return typeof value.reason === 'string';
    default:
      return false;
  }
}

/**
 * Checks a log handed to `replay` before playing it: a log is plain JSON that may come back from
 * a cache or a file, so a damaged one is refused up front with `HOTPATH_STREAM_INVALID_ARGUMENT`
 * naming the entry, instead of failing halfway with a bare `TypeError` or replaying garbage.
 */
export function checkLog(log: unknown): void {
  const fail = (what: string): never => {
    throw new StreamArgumentError(`replay(log): ${what}; expected a StreamLog from record().log()`);
  };
  if (!isObject(log) || !Array.isArray(log.entries)) fail('log.entries is not an array');
  const { entries, complete } = log as Fields & { entries: unknown[] };
  if (typeof complete !== 'boolean') fail('log.complete is not a boolean');
  entries.forEach((entry, i) => {
    if (!isObject(entry)) fail(`log.entries[${i}] is not an object`);
    const { atMs, delta } = entry as Fields;
    if (typeof atMs !== 'number' || !(atMs >= 0)) fail(`log.entries[${i}].atMs is not a time ≥ 0`);
    if (!isDelta(delta)) fail(`log.entries[${i}].delta is not a stream delta`);
  });
}
