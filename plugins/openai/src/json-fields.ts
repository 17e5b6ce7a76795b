const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;

function skipSpace(s: string, i: number): number {
  let c = s.charCodeAt(i);
  while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++i);
  return i;
}

/** Index after the string starting at `i` (a quote), or -1. */
function skipString(s: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const quote = s.indexOf('"', from);
    if (quote === -1) return -1;
    let k = quote - 1;
    while (s.charCodeAt(k) === BACKSLASH) k--;
    if ((quote - 1 - k) % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

function isLiteralChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || c === 45 || c === 43 || c === 46 || c === 69
  );
}

/** Index after the array or object starting at `i`, or -1 when brackets do not balance. */
function skipNested(s: string, i: number): number {
  let depth = 0;
  for (const end = s.length; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === QUOTE) {
      i = skipString(s, i) - 1;
      if (i < 0) return -1;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) depth++;
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (--depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Index after the JSON value starting at `i`, or -1. */
function skipValue(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === QUOTE) return skipString(s, i);
  if (c === OPEN_OBJECT || c === OPEN_ARRAY) return skipNested(s, i);
  let j = i;
  while (isLiteralChar(s.charCodeAt(j))) j++;
  return j === i ? -1 : j;
}

/**
 * Finds where up to three named top-level values of a JSON object text start and end,
 * without building the rest: an OpenAI chunk is mostly `id`, `model` and fingerprint
 * strings nobody reads, so parsing only `choices` and `usage` halves the `JSON.parse`
 * work. `scan` checks the object's structure (keys, colons, commas, balanced brackets,
 * terminated strings) and returns false on anything unexpected, so the caller falls back
 * to a full `JSON.parse`, which reports real syntax errors.
 */
export class JsonFields {
  /** Start/end offsets of each wanted key's value, -1 when absent. */
  readonly starts: number[];
  readonly ends: number[];
  readonly #keys: readonly string[];

  /** @param keys - the top-level keys to locate */
  constructor(keys: readonly string[]) {
    this.#keys = keys;
    this.starts = keys.map(() => -1);
    this.ends = keys.map(() => -1);
  }

  /** Locates the wanted keys in `s`; false when `s` is not a plain well-formed object. */
  scan(s: string): boolean {
    this.starts.fill(-1);
    let i = skipSpace(s, 0);
    if (s.charCodeAt(i) !== OPEN_OBJECT) return false;
    i = skipSpace(s, i + 1);
    if (s.charCodeAt(i) === CLOSE_OBJECT) return skipSpace(s, i + 1) === s.length;
    for (;;) {
      i = this.#member(s, i);
      if (i < 0) return false;
      const c = s.charCodeAt(i);
      if (c === CLOSE_OBJECT) return skipSpace(s, i + 1) === s.length;
      if (c !== COMMA) return false;
      i = skipSpace(s, i + 1);
    }
  }

  /** Parses `"key": value` at `i`; returns the index after it (and spaces), or -1. */
  #member(s: string, i: number): number {
    if (s.charCodeAt(i) !== QUOTE) return -1;
    const keyEnd = skipString(s, i);
    if (keyEnd < 0) return -1;
    let j = skipSpace(s, keyEnd);
    if (s.charCodeAt(j) !== COLON) return -1;
    j = skipSpace(s, j + 1);
    const end = skipValue(s, j);
    if (end < 0) return -1;
    const wanted = this.#wanted(s, i + 1, keyEnd - 1);
    if (wanted >= 0) {
      this.starts[wanted] = j;
      this.ends[wanted] = end;
    }
    return skipSpace(s, end);
  }

  #wanted(s: string, start: number, end: number): number {
    const keys = this.#keys;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      if (key.length === end - start && s.startsWith(key, start)) return k;
    }
    return -1;
  }
}
