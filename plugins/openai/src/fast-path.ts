// Fast path for the OpenAI chunk shape nearly every event has. Each helper either proves
// its guess from the text or gives up (-1 / undefined) so the caller takes the general
// path, which parses the whole chunk and reports real syntax errors.

const CHOICES_KEY = '"choices":';
const TEXT_PREFIX = '[{"index":0,"delta":{"content":"';
const TEXT_SUFFIX = '},"logprobs":null,"finish_reason":null}]';
/** Members that may follow `choices` without being read: scalars, or `usage`/`error` null. */
const SIMPLE_TAIL =
  /^(?:,"(?:(?!usage"|error")[^"\\]*":(?:"[^"\\]*"|null|true|false|-?[0-9][0-9.eE+-]*)|(?:usage|error)":null))*\}$/;

/**
 * Where the `choices` array starts: the last `"choices":` key (a string cannot contain
 * it unescaped). Should it be a nested key, {@link choicesEnd}'s check of what follows and
 * the parse of the slice both fail, and the caller takes the general path. -1 when absent.
 */
export function choicesStart(data: string): number {
  const key = data.lastIndexOf(CHOICES_KEY);
  if (key < 0) return -1;
  const start = key + CHOICES_KEY.length;
  return data.charCodeAt(start) === 91 ? start : -1;
}

/**
 * Where `choices` ends, when only scalar members (`"usage":null`, `"obfuscation":"…"`)
 * follow it; -1 otherwise.
 */
export function choicesEnd(data: string): number {
  const close = data.lastIndexOf(']') + 1;
  if (close === 0) return -1;
  if (close === data.length - 1 && data.charCodeAt(close) === 125) return close;
  return SIMPLE_TAIL.test(data.slice(close)) ? close : -1;
}

/**
 * The text when `choices` is exactly one plain content delta without finish reason (the
 * common chunk); undefined for any other shape. The string is JSON-decoded only when it
 * has escapes.
 */
export function plainText(data: string, start: number, end: number): string | undefined {
  if (!data.startsWith(TEXT_PREFIX, start)) return undefined;
  const suffix = end - TEXT_SUFFIX.length;
  const from = start + TEXT_PREFIX.length;
  if (suffix <= from || data.charCodeAt(suffix - 1) !== 34) return undefined;
  if (!data.startsWith(TEXT_SUFFIX, suffix)) return undefined;
  const raw = data.slice(from, suffix - 1);
  if (raw.indexOf('\\') === -1) return raw.indexOf('"') === -1 ? raw : undefined;
  return parseString(data.slice(from - 1, suffix));
}

function parseString(literal: string): string | undefined {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Parses a slice the fast path guessed; undefined sends the event down the general path. */
export function tryParse<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
