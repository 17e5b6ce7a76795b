import { createSeededRandom } from '@hotpath/protocol';

/** A seeded pseudo-random generator: each call returns a float in [0, 1). */
export type Prng = () => number;

/**
 * 32-bit FNV-1a over the UTF-16 code units of `text`, mixed with `seed`.
 * Fast and stable across runs and platforms, which is all the simulator needs.
 */
export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** Final avalanche step (from murmur3), so nearby inputs give unrelated seeds. */
function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** protocol's mulberry32: small, fast and good enough for content and fault decisions. */
export const createPrng: (seed: number) => Prng = createSeededRandom;

/** An integer in [min, max] drawn from `prng`. */
export function randomInt(prng: Prng, min: number, max: number): number {
  return min + Math.floor(prng() * (max - min + 1));
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A provider-style identifier: `prefix` plus `length` alphanumerics drawn from `prng`. */
export function randomId(prng: Prng, prefix: string, length: number): string {
  let id = prefix;
  for (let i = 0; i < length; i++) id += ID_ALPHABET[Math.floor(prng() * ID_ALPHABET.length)];
  return id;
}
