import { TokensArgumentError } from './errors.ts';
import { digest } from './internal/digest.ts';
import type { HashAlgorithm } from './internal/worker-protocol.ts';

const ALGORITHMS = new Set<string>(['sha256', 'xxhash64', 'xxhash128']);

/**
 * Hex digest of `data` on the calling thread: SHA-256 through `node:crypto`, xxHash64 and
 * xxHash128 through hash-wasm's WebAssembly. A well-formed string is hashed as its UTF-8 bytes;
 * one with lone surrogates as 0xFF + its UTF-16LE code units, so distinct strings are never
 * encoded to the same bytes. For large payloads use
 * {@link TokenWorkers.hash}, which moves the work to a thread.
 *
 * @example
 * ```ts
 * const key = await hash(JSON.stringify(request), 'xxhash128');
 * ```
 */
export function hash(
  data: string | Uint8Array,
  algorithm: HashAlgorithm = 'sha256',
): Promise<string> {
  if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
    throw new TokensArgumentError('data', 'a string or a Uint8Array');
  }
  if (!ALGORITHMS.has(algorithm)) {
    throw new TokensArgumentError('algorithm', "'sha256', 'xxhash64' or 'xxhash128'");
  }
  return digest(algorithm, data);
}
