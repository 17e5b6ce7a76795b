import type { RankTable } from './rank-table-format.ts';

/** Sentinel rank: the byte string is not a token. */
export const NO_RANK = 0x7fffffff;

/** 32-bit hash of `bytes[start … end)` (FNV-1a steps, murmur3 finaliser). */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

/**
 * Byte string → rank, in an open-addressing hash table over typed arrays: no strings, no
 * objects, nothing allocated per lookup. Each slot keeps rank + 1 (0 = empty) and the full
 * hash, so most probes that miss are rejected without comparing bytes.
 */
export class Vocabulary {
  readonly table: RankTable;
  readonly #slots: Int32Array;
  readonly #hashes: Int32Array;
  readonly #mask: number;
  /** Rank of every single byte (all 256 are tokens in both encodings). */
  readonly byteRanks: Int32Array = new Int32Array(256);
  /** Rank of every two-byte string, indexed by `b0 << 8 | b1`, or {@link NO_RANK}. */
  readonly pairRanks: Int32Array = new Int32Array(65536).fill(NO_RANK);

  constructor(table: RankTable) {
    this.table = table;
    let size = 1;
    while (size < table.count * 2.5) size <<= 1;
    this.#slots = new Int32Array(size);
    this.#hashes = new Int32Array(size);
    this.#mask = size - 1;
    for (let rank = 0; rank < table.count; rank++) this.#insert(rank);
    this.#indexShortTokens();
  }

  #indexShortTokens(): void {
    const { offsets, bytes, count } = this.table;
    this.byteRanks.fill(-1);
    for (let rank = 0; rank < count; rank++) {
      const at = offsets[rank]!;
      const length = offsets[rank + 1]! - at;
      if (length === 1) this.byteRanks[bytes[at]!] = rank;
      else if (length === 2) this.pairRanks[(bytes[at]! << 8) | bytes[at + 1]!] = rank;
    }
    if (this.byteRanks.includes(-1)) throw new RangeError('rank table lacks a single-byte token');
  }

  #insert(rank: number): void {
    const { offsets, bytes } = this.table;
    const h = hashBytes(bytes, offsets[rank]!, offsets[rank + 1]!);
    let slot = h & this.#mask;
    while (this.#slots[slot] !== 0) slot = (slot + 1) & this.#mask;
    this.#slots[slot] = rank + 1;
    this.#hashes[slot] = h;
  }

  /** Rank of `bytes[start … end)`, or {@link NO_RANK}. */
  rank(bytes: Uint8Array, start: number, end: number): number {
    return this.rankHashed(bytes, start, end, hashBytes(bytes, start, end));
  }

  /** {@link Vocabulary.rank} when the caller already has the hash. */
  rankHashed(bytes: Uint8Array, start: number, end: number, h: number): number {
    const slots = this.#slots;
    const mask = this.#mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry === 0) return NO_RANK;
      if (this.#hashes[slot] === h && this.#equals(entry - 1, bytes, start, end)) return entry - 1;
    }
  }

  #equals(rank: number, bytes: Uint8Array, start: number, end: number): boolean {
    const { offsets, bytes: pool } = this.table;
    const from = offsets[rank]!;
    if (offsets[rank + 1]! - from !== end - start) return false;
    for (let i = start, j = from; i < end; i++, j++) if (bytes[i] !== pool[j]) return false;
    return true;
  }
}
