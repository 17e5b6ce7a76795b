import { createHash, type Hash, hash } from 'node:crypto';
import type { CompletionRequest } from '@hotpath/protocol';
import { SEMANTIC_FIELDS } from './canonical.ts';

/** Strings at least this long go to the hash directly instead of through the token buffer. */
const DIRECT = 256;

/**
 * Feeds a canonical, unambiguous encoding of a value into SHA-256 without building
 * the whole string: keys sorted, `undefined` dropped, strings length-prefixed (so no
 * escaping is needed), long strings and bytes handed to the hash as they are. A small
 * request never creates a `Hash` object: its encoding is digested in one shot.
 */
class CanonicalFeeder {
  #hash: Hash | undefined;
  #pending = '';

  value(value: unknown): void {
    if (value === null || value === undefined) this.#pending += 'n';
    else if (typeof value === 'string') this.#string(value);
    else if (typeof value === 'number' || typeof value === 'bigint') this.#pending += `d${value};`;
    else if (typeof value === 'boolean') this.#pending += value ? 't' : 'f';
    else if (value instanceof Uint8Array) this.#bytes(value);
    else if (Array.isArray(value)) this.#array(value);
    else if (typeof value === 'object') this.#object(value as Record<string, unknown>);
    else this.#pending += 'n';
  }

  digest(): string {
    if (this.#hash === undefined) return hash('sha256', this.#pending, 'hex');
    return this.#flush().digest('hex');
  }

  #string(text: string): void {
    this.#pending += `s${text.length}:`;
    if (text.length < DIRECT) {
      this.#pending += text;
      return;
    }
    this.#flush().update(text);
  }

  #bytes(bytes: Uint8Array): void {
    this.#pending += `b${bytes.byteLength}:`;
    this.#flush().update(bytes);
  }

  #array(values: readonly unknown[]): void {
    this.#pending += `a${values.length}[`;
    for (const item of values) this.value(item);
    this.#pending += ']';
  }

  #object(object: Record<string, unknown>): void {
    const keys = Object.keys(object).sort();
    this.#pending += '{';
    for (const key of keys) {
      const field = object[key];
      if (field === undefined || typeof field === 'function') continue;
      this.#string(key);
      this.value(field);
    }
    this.#pending += '}';
  }

  /** Hands the pending text to the hash (created on first use) and returns the hash. */
  #flush(): Hash {
    this.#hash ??= createHash('sha256');
    if (this.#pending !== '') {
      this.#hash.update(this.#pending);
      this.#pending = '';
    }
    return this.#hash;
  }
}

/** The default key digest: SHA-256 over the canonical encoding of scope and semantic fields, streamed. */
export function streamingRequestDigest(
  request: CompletionRequest,
  scope: string,
  version: string,
): string {
  const feeder = new CanonicalFeeder();
  feeder.value(version);
  feeder.value(scope);
  for (const field of SEMANTIC_FIELDS) {
    feeder.value(field);
    feeder.value(request[field]);
  }
  return feeder.digest();
}
