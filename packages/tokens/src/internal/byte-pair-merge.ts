// tiktoken's byte-pair merge: start from single bytes and repeatedly merge the adjacent pair
// whose concatenation has the lowest rank (the leftmost one on a tie) until no adjacent pair
// is a token. Short chunks use tiktoken's linear scan over typed arrays; long chunks (whitespace
// runs, minified code, base64, unspaced scripts) use a binary heap over a linked list, so they
// cost O(n log n) rather than O(n²). Scratch arrays are reused: nothing is allocated per chunk.
import type { TokenBuffer } from './token-buffer.ts';
import { NO_RANK, type Vocabulary } from './vocabulary.ts';

/** Chunks of more bytes than this are merged with the heap. */
const LINEAR_MAX = 64;
// A heap key is rank × 2³² + start: ranks below 2²¹ keep it exact, and equal ranks pop leftmost.
const SHIFT = 4_294_967_296;
// prev[] of a part that was merged into its left neighbour.
const DEAD = -2;

/** Linked-list and heap arrays for merging one long chunk. */
class HeapScratch {
  readonly next: Int32Array;
  readonly prev: Int32Array;
  readonly pairRank: Int32Array;
  readonly tokenRank: Int32Array;
  readonly heap: Float64Array;

  constructor(size: number) {
    this.next = new Int32Array(size);
    this.prev = new Int32Array(size);
    this.pairRank = new Int32Array(size);
    this.tokenRank = new Int32Array(size);
    // Every merge pushes at most two entries: 3n bounds the heap, stale entries included.
    this.heap = new Float64Array(3 * size);
  }
}

/** Chunks up to this many bytes reuse the merger's kept heap scratch (~90 KB); longer ones get their own. */
export const KEPT_HEAP_CHUNK = 2_048;

export class BytePairMerger {
  readonly #vocab: Vocabulary;
  readonly #pos = new Int32Array(LINEAR_MAX + 1);
  readonly #ranks = new Int32Array(LINEAR_MAX + 1);
  #kept: HeapScratch | undefined;

  constructor(vocab: Vocabulary) {
    this.#vocab = vocab;
  }

  /** Tokens of `bytes[0 … n)` (n ≥ 2, not itself a token); appends their ids to `out` if given. */
  merge(bytes: Uint8Array, n: number, out: TokenBuffer | undefined): number {
    return n <= LINEAR_MAX ? this.#linear(bytes, n, out) : this.#heapMerge(bytes, n, out);
  }

  #rank(bytes: Uint8Array, start: number, end: number): number {
    if (end - start === 2) return this.#vocab.pairRanks[(bytes[start]! << 8) | bytes[start + 1]!]!;
    return this.#vocab.rank(bytes, start, end);
  }

  #linear(bytes: Uint8Array, n: number, out: TokenBuffer | undefined): number {
    const pos = this.#pos;
    const ranks = this.#ranks;
    const pairs = this.#vocab.pairRanks;
    for (let i = 0; i < n - 1; i++) {
      pos[i] = i;
      ranks[i] = pairs[(bytes[i]! << 8) | bytes[i + 1]!]!;
    }
    pos[n - 1] = n - 1;
    ranks[n - 1] = NO_RANK;
    pos[n] = n;
    ranks[n] = NO_RANK;
    let m = n + 1;
    for (;;) {
      let min = NO_RANK;
      let at = -1;
      for (let i = 0; i < m - 1; i++) {
        if (ranks[i]! < min) {
          min = ranks[i]!;
          at = i;
        }
      }
      if (at < 0) break;
      if (at > 0) ranks[at - 1] = this.#rank(bytes, pos[at - 1]!, pos[at + 2]!);
      ranks[at] = at + 3 < m ? this.#rank(bytes, pos[at]!, pos[at + 3]!) : NO_RANK;
      for (let i = at + 1; i < m - 1; i++) {
        pos[i] = pos[i + 1]!;
        ranks[i] = ranks[i + 1]!;
      }
      m--;
    }
    if (out) this.#emitLinear(bytes, m, out);
    return m - 1;
  }

  #emitLinear(bytes: Uint8Array, m: number, out: TokenBuffer): void {
    const pos = this.#pos;
    const single = this.#vocab.byteRanks;
    for (let i = 0; i < m - 1; i++) {
      const start = pos[i]!;
      const end = pos[i + 1]!;
      out.push(end - start === 1 ? single[bytes[start]!]! : this.#rank(bytes, start, end));
    }
  }

  #scratch(n: number): HeapScratch {
    if (n > KEPT_HEAP_CHUNK) return new HeapScratch(n + 1);
    this.#kept ??= new HeapScratch(KEPT_HEAP_CHUNK + 1);
    return this.#kept;
  }

  #heapMerge(bytes: Uint8Array, n: number, out: TokenBuffer | undefined): number {
    const { next, prev, pairRank, tokenRank, heap: items } = this.#scratch(n);
    const heap = new MinHeap(items);
    const single = this.#vocab.byteRanks;
    const pairs = this.#vocab.pairRanks;
    for (let i = 0; i < n; i++) {
      next[i] = i + 1;
      prev[i] = i - 1;
      tokenRank[i] = single[bytes[i]!]!;
      pairRank[i] = i + 1 < n ? pairs[(bytes[i]! << 8) | bytes[i + 1]!]! : NO_RANK;
      if (pairRank[i] !== NO_RANK) heap.push(pairRank[i]! * SHIFT + i);
    }
    let parts = n;
    while (heap.size > 0) {
      const key = heap.pop();
      const rank = Math.floor(key / SHIFT);
      const at = key - rank * SHIFT;
      // Stale entry: `at` was merged into its left neighbour, or its pair changed since.
      if (pairRank[at] !== rank || prev[at] === DEAD) continue;
      const right = next[at]!;
      const after = next[right]!;
      next[at] = after;
      if (after < n) prev[after] = at;
      prev[right] = DEAD;
      tokenRank[at] = rank;
      parts--;
      pairRank[at] = after < n ? this.#rank(bytes, at, next[after]!) : NO_RANK;
      if (pairRank[at] !== NO_RANK) heap.push(pairRank[at]! * SHIFT + at);
      const before = prev[at]!;
      if (before >= 0) {
        pairRank[before] = this.#rank(bytes, before, after);
        if (pairRank[before] !== NO_RANK) heap.push(pairRank[before]! * SHIFT + before);
      }
    }
    if (out) for (let i = 0; i < n; i = next[i]!) out.push(tokenRank[i]!);
    return parts;
  }
}

/** A binary min-heap of numbers over a caller-provided Float64Array. */
class MinHeap {
  readonly #items: Float64Array;
  size = 0;

  constructor(items: Float64Array) {
    this.#items = items;
  }

  push(value: number): void {
    const items = this.#items;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent]! <= value) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = value;
  }

  pop(): number {
    const items = this.#items;
    const top = items[0]!;
    const last = items[--this.size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && items[child + 1]! < items[child]!) child++;
      if (items[child]! >= last) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
