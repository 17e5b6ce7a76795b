import { hash as nodeHash } from 'node:crypto';
import { xxhash64, xxhash128 } from 'hash-wasm';
import type { HashAlgorithm } from './worker-protocol.ts';

/**
 * The bytes a string that is not well-formed UTF-16 is hashed as: 0xFF (a byte no UTF-8 text
 * holds), then its code units as UTF-16LE. UTF-8 would turn every lone surrogate into U+FFFD,
 * so `'\ud800'`, `'\udc00'` and `'\ufffd'` would share a digest, and a digest used as a key
 * would answer for a different text.
 */
function illFormedBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(1 + text.length * 2);
  bytes[0] = 0xff;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[1 + i * 2] = unit & 0xff;
    bytes[2 + i * 2] = unit >>> 8;
  }
  return bytes;
}

/**
 * Hex digest of `data`. A well-formed string is hashed as its UTF-8 bytes (what `node:crypto`
 * does); one with lone surrogates as {@link illFormedBytes}, so distinct strings never collide.
 */
export async function digest(algorithm: HashAlgorithm, data: string | Uint8Array): Promise<string> {
  const input = typeof data === 'string' && !data.isWellFormed() ? illFormedBytes(data) : data;
  switch (algorithm) {
    case 'sha256':
      return nodeHash('sha256', input, 'hex');
    case 'xxhash64':
      return xxhash64(input);
    case 'xxhash128':
      return xxhash128(input);
  }
}
