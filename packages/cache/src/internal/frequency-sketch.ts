/**
 * A count-min sketch of key access frequencies (TinyLFU's filter): 4 counters per key
 * in one Uint8Array, read as the minimum; all counters halve after `10 × width`
 * increments, so old popularity fades.
 */
export class FrequencySketch {
  readonly #table: Uint8Array;
  readonly #mask: number;
  readonly #resetAfter: number;
  #additions = 0;

  /** @param capacity - expected number of distinct hot keys (the L1 `max`) */
  constructor(capacity: number) {
    const width = 2 ** Math.ceil(Math.log2(Math.max(64, capacity * 4)));
    this.#table = new Uint8Array(width);
    this.#mask = width - 1;
    this.#resetAfter = width * 10;
  }

  /** Records one access of `key`. */
  increment(key: string): void {
    const hash = fnv1a(key);
    for (let i = 0; i < 4; i++) {
      const slot = this.#slot(hash, i);
      if (this.#table[slot]! < 255) this.#table[slot]!++;
    }
    if (++this.#additions >= this.#resetAfter) this.#age();
  }

  /** Estimated accesses of `key` (never an underestimate before aging). */
  frequency(key: string): number {
    const hash = fnv1a(key);
    let min = 255;
    for (let i = 0; i < 4; i++) min = Math.min(min, this.#table[this.#slot(hash, i)]!);
    return min;
  }

  #slot(hash: number, i: number): number {
    // Double hashing: row i probes hash + i·(odd step).
    return (hash + Math.imul(i, (hash >>> 16) | 1)) & this.#mask;
  }

  #age(): void {
    for (let i = 0; i < this.#table.length; i++) this.#table[i]! >>= 1;
    this.#additions = 0;
  }
}

function fnv1a(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
