import { hash } from 'node:crypto';
import { CacheArgumentError } from '../errors.ts';

/** Matches a string holding a code unit above U+00FF (any string V8 cannot store one byte per unit). */
const WIDE = /[^\0-\xff]/;

/** Deepest nesting of arrays and objects a key accepts; deeper input is rejected, never truncated. */
export const MAX_KEY_DEPTH = 1000;

/**
 * Once the byte buffer is in use, strings at least this long are copied into it (one native
 * copy) instead of being concatenated into the pending text and copied again at the next flush.
 */
const DIRECT = 64;

/** Up to this many keys are sorted by insertion in place, cheaper than a call to `Array#sort`. */
const SMALL = 12;

/** Field names remembered with their encoding, at most; names from client input cannot grow it past this. */
const FIELD_NAMES = 256;

/** Longest field name remembered: a name is an identifier, not content. */
const SHORT_NAME = 32;

/** A scratch buffer larger than this after a key is dropped, so one huge request is not kept. */
const KEEP_BYTES = 1 << 20;

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
 * encoding is injective. UTF-16LE keeps
 * lone surrogates (UTF-8 would turn every one into U+FFFD, so different prompts would share a
 * key), and costs CJK text 2 bytes a character instead of UTF-8's 3, with a plain copy instead
 * of a transcoding pass.
 *
 * One instance is reused call after call (keys are computed synchronously): the ASCII and
 * Latin-1 parts are concatenated into one string, and only requests with wider text fill a
 * byte buffer.
 */
export class KeyMaterial {
  /** Encodings of short Latin-1 field names seen so far (bounded by {@link FIELD_NAMES}). */
  readonly #names = new Map<string, string>();
  #pending = '';
  #buffer: Buffer | undefined;
  /** Bytes written to the buffer; 0 while everything is still in `#pending`. */
  #at = 0;

  /** Appends a value's encoding. Throws a `CacheArgumentError` past {@link MAX_KEY_DEPTH} levels. */
  value(value: unknown, depth = 0): void {
    if (typeof value === 'string') this.string(value);
    else if (value === null || value === undefined) this.#pending += 'n';
    else if (typeof value === 'number') this.#pending += `d${value};`;
    else if (typeof value === 'boolean') this.#pending += value ? 't' : 'f';
    else if (typeof value === 'bigint') this.#pending += `i${value};`;
    else if (typeof value !== 'object') this.#pending += 'n';
    else if (depth >= MAX_KEY_DEPTH) throw tooDeep(value);
    else if (Array.isArray(value)) this.#array(value, depth + 1);
    else if (value instanceof Uint8Array) this.#bytes(value);
    else this.object(value as Record<string, unknown>, depth + 1);
  }

  /** Appends a string's encoding. */
  string(text: string): void {
    const length = text.length;
    if (WIDE.test(text)) {
      this.#pending += `u${length}:`;
      this.#copy(text, 'utf16le', length * 2);
    } else if (length < DIRECT || this.#at === 0) {
      // Concatenated while no byte has gone to the buffer: a request of ASCII and Latin-1 text is
      // hashed in one call, and needs no buffer at all.
      this.#pending += `s${length}:${text}`;
    } else {
      // The same bytes as concatenating (UTF-8), copied at once instead of growing the text.
      this.#pending += `s${length}:`;
      this.#copy(text, 'utf8', length * 2);
    }
  }

  /** Appends an object's encoding: its own enumerable keys sorted, skipping `undefined` and functions. */
  object(object: Record<string, unknown>, depth = 1, skip?: ReadonlySet<string>): void {
    const keys = sorted(Object.keys(object));
    this.#pending += '{';
    for (const key of keys) {
      const field = object[key];
      if (field === undefined || typeof field === 'function' || skip?.has(key)) continue;
      this.#field(key);
      this.value(field, depth);
    }
    this.#pending += '}';
  }

  /**
   * Appends a field name's encoding, exactly as {@link string} would. The names a request repeats
   * (`messages`, `role`, `content` …) are encoded once and remembered, up to {@link FIELD_NAMES}
   * of them, so the hot path skips the width check and the template for each one.
   */
  #field(key: string): void {
    const known = this.#names.get(key);
    if (known !== undefined) {
      this.#pending += known;
      return;
    }
    if (key.length > SHORT_NAME || this.#names.size >= FIELD_NAMES || WIDE.test(key)) {
      this.string(key);
      return;
    }
    const encoded = `s${key.length}:${key}`;
    this.#names.set(key, encoded);
    this.#pending += encoded;
  }

  /** Forgets everything appended (after an encoding failed half-way). */
  reset(): void {
    this.#finish(undefined);
  }

  /** The SHA-256 (hex) of everything appended, and a fresh start. */
  sha256(): string {
    if (this.#at === 0) return this.#finish(hash('sha256', this.#pending, 'hex'));
    return this.#finish(hash('sha256', this.#flushed(), 'hex'));
  }

  /**
   * Everything appended, for a custom hash function, and a fresh start: the string itself when
   * it holds only code units up to U+00FF (hash it as UTF-8), else a copy of the bytes.
   */
  take(): string | Uint8Array {
    if (this.#at === 0) return this.#finish(this.#pending);
    return this.#finish(new Uint8Array(this.#flushed()));
  }

  #array(values: readonly unknown[], depth: number): void {
    this.#pending += `a${values.length}[`;
    for (const item of values) this.value(item, depth);
    this.#pending += ']';
  }

  #bytes(bytes: Uint8Array): void {
    this.#pending += `b${bytes.byteLength}:`;
    const at = this.#reserve(bytes.byteLength);
    (this.#buffer as Buffer).set(bytes, at);
    this.#at = at + bytes.byteLength;
  }

  #copy(text: string, encoding: 'utf8' | 'utf16le', bytes: number): void {
    const at = this.#reserve(bytes);
    this.#at = at + (this.#buffer as Buffer).write(text, at, encoding);
  }

  /** Moves the pending text into the buffer with room for `extra` more bytes; returns the write offset. */
  #reserve(extra: number): number {
    // UTF-8 of a code unit up to U+00FF takes at most 2 bytes.
    const need = this.#at + this.#pending.length * 2 + extra;
    const buffer = this.#buffer;
    if (buffer === undefined || buffer.length < need) this.#grow(need);
    if (this.#pending !== '') {
      this.#at += (this.#buffer as Buffer).write(this.#pending, this.#at, 'utf8');
      this.#pending = '';
    }
    return this.#at;
  }

  #grow(need: number): void {
    const old = this.#buffer;
    // Small first buffers come from Node's shared pool, so a one-off key allocates next to nothing.
    const next = Buffer.allocUnsafe(Math.max(need, 2 * (old?.length ?? 0), 1024));
    if (old !== undefined && this.#at > 0) old.copy(next, 0, 0, this.#at);
    this.#buffer = next;
  }

  #flushed(): Buffer {
    const at = this.#reserve(0);
    return (this.#buffer as Buffer).subarray(0, at);
  }

  #finish<T>(result: T): T {
    this.#pending = '';
    this.#at = 0;
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
