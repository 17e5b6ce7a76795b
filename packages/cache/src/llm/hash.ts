import { hash } from 'node:crypto';

/**
 * Hashes cache-key material to a string. Injectable so a host can offload large
 * payloads to worker threads; may return a promise.
 */
export type HashFunction = (data: string | Uint8Array) => string | Promise<string>;

/** The default {@link HashFunction}: SHA-256, hex, computed inline. */
export function sha256(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/** Awaits a hash only when the function returned a promise. */
export function resolveHash(
  hash: HashFunction,
  data: string | Uint8Array,
): string | Promise<string> {
  const result = hash(data);
  return typeof result === 'string' ? result : Promise.resolve(result);
}
