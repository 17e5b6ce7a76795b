import type { CompletionRequest } from '@hotpath/protocol';
import { CacheArgumentError } from '../errors.ts';
import { type HashFunction, sha256 } from './hash.ts';
import { KeyMaterial } from './key-material.ts';

/** Version of the key encoding; bumped whenever the key material changes. */
export const KEY_VERSION = 'v2';

/**
 * Request fields that never change the answer and stay out of the key. Every other field is
 * in it, so a parameter added to `CompletionRequest` later can never make two different
 * requests share an answer.
 */
export const NOT_IN_KEY: ReadonlySet<string> = new Set(['user', 'metadata']);

/** Checks the parts of a request the key depends on. */
export function checkRequest(request: unknown): asserts request is CompletionRequest {
  const candidate = request as CompletionRequest | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.model !== 'string') {
    throw new CacheArgumentError('request', 'a CompletionRequest with a string model', request);
  }
  if (!Array.isArray(candidate.messages)) {
    throw new CacheArgumentError(
      'request.messages',
      'an array of chat messages',
      candidate.messages,
    );
  }
}

/** Checks a tenant scope. */
export function checkScope(scope: unknown, argument = 'scope'): asserts scope is string {
  if (typeof scope !== 'string') {
    throw new CacheArgumentError(argument, 'a string (tenant id or API-key hash)', scope);
  }
}

/**
 * Computes cache keys: the one place key material is built and hashed. Each LLM cache owns one
 * and reuses its {@link KeyMaterial} from call to call.
 */
export class Keyer {
  readonly #hash: HashFunction;
  readonly #material = new KeyMaterial();

  constructor(hash: HashFunction = sha256) {
    this.#hash = hash;
  }

  /**
   * The versioned key of a request in a scope (a tenant id or an API-key hash): the hash of the
   * version, the scope and every field of the request but `user` and `metadata`.
   */
  request(request: CompletionRequest, scope: string): string | Promise<string> {
    checkRequest(request);
    checkScope(scope);
    const material = this.#material;
    try {
      material.string(KEY_VERSION);
      material.string(scope);
      material.object(request as unknown as Record<string, unknown>, 1, NOT_IN_KEY);
    } catch (error) {
      material.reset();
      throw error;
    }
    return this.#digest(`${KEY_VERSION}:`);
  }

  /** The key of a list of JSON-like values (tool calls, embedded texts), after `prefix`. */
  values(prefix: string, values: readonly unknown[]): string | Promise<string> {
    const material = this.#material;
    try {
      material.string(KEY_VERSION);
      material.value(values);
    } catch (error) {
      material.reset();
      throw error;
    }
    return this.#digest(prefix);
  }

  #digest(prefix: string): string | Promise<string> {
    if (this.#hash === sha256) return prefix + this.#material.sha256();
    const digest = this.#hash(this.#material.take());
    return typeof digest === 'string' ? prefix + digest : digest.then((d) => prefix + d);
  }
}

/**
 * The versioned cache key of a request for one scope (a tenant id or an API-key hash), as
 * `ResponseCache` and `StreamCache` compute it: `v2:` and the hash of the canonical, injective
 * encoding of the version, the scope and every request field but `user` and `metadata`. Object
 * key order does not matter; any other difference, down to one code unit of any string (lone
 * surrogates included), gives another key.
 *
 * @example
 * ```ts
 * requestKey({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }, 'tenant-a', sha256);
 * // 'v2:3f1c…' (64 hex digits)
 * ```
 */
export function requestKey(
  request: CompletionRequest,
  scope: string,
  hash: HashFunction,
): string | Promise<string> {
  return new Keyer(hash).request(request, scope);
}

/**
 * The SHA-256 (hex) of the canonical, injective encoding of a JSON-like value: the encoding every
 * cache key uses (object keys sorted, `undefined` fields dropped, strings kept code unit for code
 * unit). Equal values give equal digests; different values, different ones.
 *
 * @example
 * ```ts
 * canonicalDigest({ b: 1, a: ['x'] }) === canonicalDigest({ a: ['x'], b: 1 }); // true
 * canonicalDigest('\uD800') !== canonicalDigest('\uFFFD'); // true
 * ```
 */
export function canonicalDigest(value: unknown): string {
  const material = new KeyMaterial();
  material.value(value);
  return material.sha256();
}
