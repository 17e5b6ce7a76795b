import type { CompletionRequest } from '@hotpath/protocol';
import { CacheArgumentError } from '../errors.ts';
import { canonicalRequest, KEY_VERSION } from './canonical.ts';
import { type HashFunction, sha256 } from './hash.ts';
import { streamingRequestDigest } from './streaming-digest.ts';

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

/**
 * The versioned cache key of a request for one scope (a tenant id or an API-key hash):
 * the hash of the scope and the canonical request. Bytes inside are digested with
 * SHA-256 inline; the final hash uses the injectable function.
 */
export function requestKey(
  request: CompletionRequest,
  scope: string,
  hash: HashFunction,
): string | Promise<string> {
  checkRequest(request);
  if (typeof scope !== 'string') {
    throw new CacheArgumentError('scope', 'a string (tenant id or API-key hash)', scope);
  }
  // The default hash streams the canonical encoding into SHA-256 without building the string.
  if (hash === sha256)
    return `${KEY_VERSION}:${streamingRequestDigest(request, scope, KEY_VERSION)}`;
  // The scope goes into the hashed material: keys of different scopes never collide, and the key reveals neither.
  const material = `${KEY_VERSION}\n${JSON.stringify(scope)}\n${canonicalRequest(request, sha256)}`;
  const digest = hash(material);
  return typeof digest === 'string'
    ? `${KEY_VERSION}:${digest}`
    : digest.then((d) => `${KEY_VERSION}:${d}`);
}

/** The caller's precomputed key when it passed one (checked), else `compute()`. */
export function givenKey(
  key: string | undefined,
  compute: () => string | Promise<string>,
): string | Promise<string> {
  if (key === undefined) return compute();
  if (typeof key !== 'string' || key === '')
    throw new CacheArgumentError('options.key', 'a non-empty key string', key);
  return key;
}
