import { hash } from 'node:crypto';
import { CacheArgumentError } from '../errors.ts';

/** Matches a string holding a code unit above U+00FF (any string V8 cannot store one byte per unit). */
const WIDE = /[^\0-\xff]/;

/** Deepest nesting of arrays and objects a key accepts; deeper input is rejected, never truncated. */
export const MAX_KEY_DEPTH = 1000;

/** Strings up to this many units are written by a loop when ASCII; a native call costs more. */
const SHORT = 24;

/** Up to this many keys are sorted by insertion in place, cheaper than a call to `Array#sort`. */
const SMALL = 12;

/**
 * The first buffer's size: the largest Node's shared pool serves (below half its 8 KiB), so a
 * one-off key (`requestKey`, `canonicalDigest`) allocates no ArrayBuffer of its own, and grows
 * once at most for a 4 KB request (a 1 KiB start grew three times and cost one-off ASCII keys 30%).
 */
const FIRST_BYTES = 4095;

/** A scratch buffer larger than this after a key is dropped, so one huge request is not kept. */
const KEEP_BYTES = 1 << 20;

// Byte values of the tokens below.
const NULL = 0x6e; // n
const TRUE = 0x74; // t
const FALSE = 0x66; // f
const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
const ARRAY = 0x61; // a
const ITEMS = 0x5b; // [
const END = 0x5d; // ]
const LATIN1 = 0x73; // s
const UTF16 = 0x75; // u
const BYTES = 0x62; // b
const COLON = 0x3a; // :

/**
 * The canonical, injective byte encoding of JSON-like values that every LLM cache key hashes.
 * Equal values (object keys in any order, `undefined` fields absent) encode equally; different
 * values never do, for every JavaScript string, including lone surrogates, U+FFFD and NUL.
 *
 * The encoding is a token stream that parses back unambiguously:
 * `n` null or undefined, `t`/`f` booleans, `d<number>;`, `i<bigint>;`, `a<count>[…]` arrays,
 * `{<key><value>…}` objects with sorted keys, `b<bytes>:<raw bytes>` byte arrays, and strings
 * by their code units: `u<units>:` and UTF-16LE when one is above U+00FF, else `s<units>:` and
 * UTF-8 (one byte per ASCII unit). The length comes first, so the stream parses back and the
 * encoding is injective. UTF-16LE keeps lone surrogates (UTF-8 would turn every one into U+FFFD,
 * so different prompts would share a key), and is a plain copy: UTF-8 would hash fewer bytes
 * for text mixing ASCII and emoji (0.8× of UTF-16), but Node transcodes two-byte strings to
 * UTF-8 at about 1 byte/ns, slower than SHA-256 hashes the bytes it would save. Keying
 * well-formed wide strings as UTF-8 (`isWellFormed()`, then a UTF-8 write) measured 2.9×, 1.9×
 * and 1.7× slower on 4 KB emoji-heavy, CJK and mixed-script requests.
 *
 * Every token goes straight into one byte buffer, reused call after call (keys are computed
 * synchronously): short ASCII strings and tags by a loop, longer strings by one native write,
 * and SHA-256 hashes the buffer in one call. No string is concatenated or flattened on the way.
 */
export class KeyMaterial {
  #buffer: Buffer | undefined;
  /** Bytes written to the buffer so far. */
  #at = 0;
  /** No string above U+00FF and no byte array so far: the bytes are the UTF-8 of a string. */
  #text = true;

  /** Appends a value's encoding. Throws a `CacheArgumentError` past {@link MAX_KEY_DEPTH} levels. */
  value(value: unknown, depth = 0): void {
    if (typeof value === 'string') this.string(value);
    else if (value === null || value === undefined) this.#byte(NULL);
    else if (typeof value === 'number') this.#ascii(`d${value};`);
    else if (typeof value === 'boolean') this.#byte(value ? TRUE : FALSE);
    else if (typeof value === 'bigint') this.#ascii(`i${value};`);
    else if (typeof value !== 'object') this.#byte(NULL);
    else if (depth >= MAX_KEY_DEPTH) throw tooDeep(value);
    else if (Array.isArray(value)) this.#array(value, depth + 1);
    else if (value instanceof Uint8Array) this.#bytes(value);
    else this.#other(value, depth);
  }

  /** Appends a string's encoding. */
  string(text: string): void {
    const length = text.length;
    if (length <= SHORT && this.#shortAscii(text)) return;
    const wide = WIDE.test(text);
    if (wide) this.#text = false;
    // Room for the text: UTF-16LE takes 2 bytes a unit, and UTF-8 of a unit up to U+00FF at most 2.
    const at = this.#tag(wide ? UTF16 : LATIN1, length, COLON, 2 * length);
    this.#at = at + (this.#buffer as Buffer).write(text, at, wide ? 'utf16le' : 'utf8');
  }

  /** Appends an object's encoding: its own enumerable keys sorted, skipping `undefined` and functions. */
  object(object: Record<string, unknown>, depth = 1, skip?: ReadonlySet<string>): void {
    const keys = sorted(Object.keys(object));
    this.#byte(OPEN);
    for (const key of keys) {
      const field = object[key];
      if (field === undefined || typeof field === 'function' || skip?.has(key)) continue;
      this.string(key);
      this.value(field, depth);
    }
    this.#byte(CLOSE);
  }

  /** Forgets everything appended (after an encoding failed half-way). */
  reset(): void {
    this.#finish(undefined);
  }

  /** The SHA-256 (hex) of everything appended, and a fresh start. */
  sha256(): string {
    return this.#finish(hash('sha256', this.#written(), 'hex'));
  }

  /**
   * Everything appended, for a custom hash function, and a fresh start: as the string it is the
   * UTF-8 of when it holds only code units up to U+00FF (hash its UTF-8), else a copy of the bytes.
   */
  take(): string | Uint8Array {
    const written = this.#written();
    return this.#finish(this.#text ? written.toString('utf8') : new Uint8Array(written));
  }

  /**
   * An object that is not an array or bytes: keyed by what JSON would send for it when it has
   * `toJSON` (a Date by its ISO string: with no own keys it would key as `{}`, so every Date
   * would share one key); refused when it is a Map or Set, whose entries are not own keys.
   */
  #other(value: object, depth: number): void {
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') this.value(toJSON.call(value), depth + 1);
    else if (value instanceof Map || value instanceof Set) throw notJsonLike(value);
    else this.object(value as Record<string, unknown>, depth + 1);
  }

  #array(values: readonly unknown[], depth: number): void {
    this.#tag(ARRAY, values.length, ITEMS, 0);
    for (const item of values) this.value(item, depth);
    this.#byte(END);
  }

  #bytes(bytes: Uint8Array): void {
    this.#text = false;
    const at = this.#tag(BYTES, bytes.byteLength, COLON, bytes.byteLength);
    (this.#buffer as Buffer).set(bytes, at);
    this.#at = at + bytes.byteLength;
  }

  /**
   * Appends `s<units>:` and the text when it is ASCII, by a loop (a native write costs more
   * than a short string); false, with nothing appended, at the first unit above U+007F.
   */
  #shortAscii(text: string): boolean {
    const length = text.length;
    const before = this.#at;
    const start = this.#tag(LATIN1, length, COLON, length);
    const buffer = this.#buffer as Buffer;
    for (let i = 0; i < length; i++) {
      const unit = text.charCodeAt(i);
      if (unit > 0x7f) {
        this.#at = before;
        return false;
      }
      buffer[start + i] = unit;
    }
    this.#at = start + length;
    return true;
  }

  /** Appends `<letter><count><end>` with room for `room` more bytes after it; returns where they go. */
  #tag(letter: number, count: number, end: number, room: number): number {
    const buffer = this.#room(room + 18);
    let at = this.#at;
    buffer[at++] = letter;
    if (count < 10) buffer[at++] = 0x30 + count;
    else at += buffer.write(`${count}`, at, 'latin1');
    buffer[at++] = end;
    this.#at = at;
    return at;
  }

  #byte(byte: number): void {
    const buffer = this.#room(1);
    buffer[this.#at++] = byte;
  }

  /** Appends an ASCII token (a number's or bigint's tag). */
  #ascii(token: string): void {
    const buffer = this.#room(token.length);
    let at = this.#at;
    for (let i = 0; i < token.length; i++) buffer[at++] = token.charCodeAt(i);
    this.#at = at;
  }

  /** The buffer, grown when it has fewer than `extra` bytes left. */
  #room(extra: number): Buffer {
    const buffer = this.#buffer;
    const need = this.#at + extra;
    if (buffer !== undefined && buffer.length >= need) return buffer;
    const next = Buffer.allocUnsafe(Math.max(need, 2 * (buffer?.length ?? 0), FIRST_BYTES));
    if (buffer !== undefined) buffer.copy(next, 0, 0, this.#at);
    this.#buffer = next;
    return next;
  }

  #written(): Buffer {
    return (this.#buffer ?? this.#room(0)).subarray(0, this.#at);
  }

  #finish<T>(result: T): T {
    this.#at = 0;
    this.#text = true;
    if ((this.#buffer?.length ?? 0) > KEEP_BYTES) this.#buffer = undefined;
    return result;
  }
}

/** `keys` in code-unit order (as `Array#sort` orders strings), sorted in place. */
function sorted(keys: string[]): string[] {
  const count = keys.length;
  if (count > SMALL) return keys.sort();
  for (let i = 1; i < count; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

function tooDeep(value: unknown): CacheArgumentError {
  return new CacheArgumentError(
    'request',
    `nested at most ${MAX_KEY_DEPTH} levels deep (arrays and objects)`,
    value,
  );
}

function notJsonLike(value: Map<unknown, unknown> | Set<unknown>): CacheArgumentError {
  return new CacheArgumentError(
    'request',
    'JSON-like values (a Map or Set keys as {} whatever it holds: pass an array or object)',
    value,
  );
}
