import { hash as nodeHash } from 'node:crypto';
import { xxhash64, xxhash128 } from 'hash-wasm';
import type { HashAlgorithm } from './worker-protocol.ts';

/** Hex digest of `data` (strings are hashed as UTF-8). */
export async function digest(algorithm: HashAlgorithm, data: string | Uint8Array): Promise<string> {
  switch (algorithm) {
    case 'sha256':
      return nodeHash('sha256', data, 'hex');
    case 'xxhash64':
      return xxhash64(data);
    case 'xxhash128':
      return xxhash128(data);
  }
}
