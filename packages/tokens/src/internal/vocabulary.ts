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
 * Everything a {@link Vocabulary} reads, in typed arrays over SharedArrayBuffers: built once
 * per process and handed to worker threads as they start (shared, not copied), so each thread
 * neither rebuilds it nor keeps a copy of its own in the CPU caches.
 */
export interface VocabularyData {
  readonly count: number;
  /** Token `r` is `bytes[offsets[r] … offsets[r + 1])`. */
  readonly offsets: Uint32Array;
  readonly bytes: Uint8Array;
  /** Open-addressing slots, two Int32 each: rank + 1 (0 = empty) and the token's full hash. */
  readonly slots: Int32Array;
  /** Rank of every single byte (all 256 are tokens in both encodings). */
  readonly byteRanks: Int32Array;
  /** Rank of every two-byte string, indexed by `b0 << 8 | b1`, or {@link NO_RANK}. */
  readonly pairRanks: Int32Array;
}

function shared<T extends Int32Array | Uint32Array | Uint8Array>(
  make: new (buffer: SharedArrayBuffer) => T,
  bytes: number,
): T {
  return new make(new SharedArrayBuffer(bytes));
}

/** `array` itself when it is in shared memory, else a shared copy. */
function inShared<T extends Uint32Array | Uint8Array>(
  array: T,
  make: new (buffer: SharedArrayBuffer) => T,
): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const copy = shared(make, array.byteLength);
  copy.set(array);
  return copy;
}

/** Builds the hash index of `table`, all in shared memory. */
export function buildVocabularyData(table: RankTable): VocabularyData {
  let size = 1;
  while (size < table.count * 2.5) size <<= 1;
  const data: VocabularyData = {
    count: table.count,
    offsets: inShared(table.offsets, Uint32Array),
    bytes: inShared(table.bytes, Uint8Array),
    slots: shared(Int32Array, size * 8),
    byteRanks: shared(Int32Array, 256 * 4).fill(-1),
    pairRanks: shared(Int32Array, 65_536 * 4).fill(NO_RANK),
  };
  for (let rank = 0; rank < table.count; rank++) insert(data, rank);
  if (data.byteRanks.includes(-1)) throw new RangeError('rank table lacks a single-byte token');
  return data;
}

function insert(data: VocabularyData, rank: number): void {
  const { offsets, bytes, slots } = data;
  const start = offsets[rank]!;
  const length = offsets[rank + 1]! - start;
  if (length === 1) data.byteRanks[bytes[start]!] = rank;
  else if (length === 2) data.pairRanks[(bytes[start]! << 8) | bytes[start + 1]!] = rank;
  const h = hashBytes(bytes, start, start + length);
  const mask = (slots.length >> 1) - 1;
  let slot = h & mask;
  while (slots[slot << 1] !== 0) slot = (slot + 1) & mask;
  slots[slot << 1] = rank + 1;
  slots[(slot << 1) | 1] = h;
}

/**
 * Byte string → rank over {@link VocabularyData}: no strings, no objects, nothing allocated
 * per lookup. A slot holds the rank and the full hash side by side (one cache line), so most
 * probes that miss are rejected without touching the token bytes.
 */
export class Vocabulary {
  readonly data: VocabularyData;
  readonly byteRanks: Int32Array;
  readonly pairRanks: Int32Array;
  readonly #slots: Int32Array;
  readonly #offsets: Uint32Array;
  readonly #bytes: Uint8Array;
  readonly #mask: number;

  constructor(data: VocabularyData) {
    this.data = data;
    this.byteRanks = data.byteRanks;
    this.pairRanks = data.pairRanks;
    this.#slots = data.slots;
    this.#offsets = data.offsets;
    this.#bytes = data.bytes;
    this.#mask = (data.slots.length >> 1) - 1;
  }

  /** Rank of `bytes[start … end)`, or {@link NO_RANK}. */
  rank(bytes: Uint8Array, start: number, end: number): number {
    const h = hashBytes(bytes, start, end);
    const slots = this.#slots;
    const mask = this.#mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot << 1]!;
      if (entry === 0) return NO_RANK;
      if (slots[(slot << 1) | 1] === h && this.#equals(entry - 1, bytes, start, end)) {
        return entry - 1;
      }
    }
  }

  #equals(rank: number, bytes: Uint8Array, start: number, end: number): boolean {
    const pool = this.#bytes;
    const from = this.#offsets[rank]!;
    if (this.#offsets[rank + 1]! - from !== end - start) return false;
    for (let i = start, j = from; i < end; i++, j++) if (bytes[i] !== pool[j]) return false;
    return true;
  }
}
