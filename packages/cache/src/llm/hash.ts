import { hash } from 'node:crypto';

/**
 * Hashes cache-key material to a string. Injectable so a host can offload large payloads to
 * worker threads; may return a promise. It receives the canonical key material: a string whose
 * code units are all at most U+00FF (hash its UTF-8), or the bytes themselves.
 */
export type HashFunction = (data: string | Uint8Array) => string | Promise<string>;

/** The default {@link HashFunction}: SHA-256, hex, computed inline. */
export function sha256(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}
