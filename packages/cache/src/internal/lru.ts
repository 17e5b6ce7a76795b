/**
 * L1's recency list: a Map from key to slot index over parallel arrays, with the
 * doubly linked order in typed arrays (the layout lru-cache uses), bounded by entries
 * and optionally by a total size. No TTL, fetch, dispose or per-call options, so a
 * `get` is one Map lookup, one array read and a relink.
 */
export class Lru<V> {
  readonly #max: number;
  /** 0 when only the entry count bounds it. */
  readonly #maxSize: number;
  readonly #index = new Map<string, number>();
  readonly #keys: (string | undefined)[];
  readonly #values: (V | undefined)[];
  readonly #next: Uint32Array;
  readonly #prev: Uint32Array;
  readonly #sizes: Float64Array;
  readonly #free: number[] = [];
  /** Least recently used slot. */
  #head = 0;
  /** Most recently used slot. */
  #tail = 0;
  /** Slots handed out so far; below `max` a new key takes slot `#fill`. */
  #fill = 0;
  #size = 0;

  constructor(max: number, maxSize: number) {
    this.#max = max;
    this.#maxSize = maxSize;
    this.#keys = new Array<string | undefined>(max).fill(undefined);
    this.#values = new Array<V | undefined>(max).fill(undefined);
    this.#next = new Uint32Array(max);
    this.#prev = new Uint32Array(max);
    this.#sizes = new Float64Array(maxSize > 0 ? max : 0);
  }

  /** Entries held. */
  get size(): number {
    return this.#index.size;
  }

  /** Sum of the sizes passed to `set` (0 when unbounded by size). */
  get calculatedSize(): number {
    return this.#size;
  }

  /** The value, marked most recently used. */
  get(key: string): V | undefined {
    const index = this.#index.get(key);
    if (index === undefined) return undefined;
    this.#moveToTail(index);
    return this.#values[index];
  }

  /** The value, recency untouched. */
  peek(key: string): V | undefined {
    const index = this.#index.get(key);
    return index === undefined ? undefined : this.#values[index];
  }

  has(key: string): boolean {
    return this.#index.has(key);
  }

  /** Stores `value` as most recently used, evicting least recently used entries to fit. */
  set(key: string, value: V, size = 0): void {
    let index = this.#index.get(key);
    if (index !== undefined) {
      this.#values[index] = value;
      this.#moveToTail(index);
      if (this.#maxSize > 0) this.#resize(index, size);
      return;
    }
    index = this.#slot();
    this.#keys[index] = key;
    this.#values[index] = value;
    this.#index.set(key, index);
    this.#append(index);
    if (this.#maxSize > 0) this.#resize(index, size);
  }

  delete(key: string): boolean {
    const index = this.#index.get(key);
    if (index === undefined) return false;
    this.#remove(index);
    return true;
  }

  clear(): void {
    this.#index.clear();
    this.#keys.fill(undefined);
    this.#values.fill(undefined);
    this.#sizes.fill(0);
    this.#free.length = 0;
    this.#fill = 0;
    this.#size = 0;
  }

  /** The least recently used key. */
  oldestKey(): string | undefined {
    return this.#index.size === 0 ? undefined : this.#keys[this.#head];
  }

  /** Every value, most recently used first. */
  *values(): Generator<V> {
    let index = this.#tail;
    for (let left = this.#index.size; left > 0; left--) {
      yield this.#values[index] as V;
      index = this.#prev[index]!;
    }
  }

  /** A free slot: a deleted one, a never used one, or the least recently used one (evicted). */
  #slot(): number {
    const freed = this.#free.pop();
    if (freed !== undefined) return freed;
    if (this.#fill < this.#max) return this.#fill++;
    const head = this.#head;
    this.#remove(head);
    return this.#free.pop() ?? head;
  }

  #resize(index: number, size: number): void {
    this.#size += size - this.#sizes[index]!;
    this.#sizes[index] = size;
    while (this.#size > this.#maxSize && this.#index.size > 1) this.#remove(this.#head);
  }

  #append(index: number): void {
    if (this.#index.size === 1) this.#head = index;
    else {
      this.#next[this.#tail] = index;
      this.#prev[index] = this.#tail;
    }
    this.#tail = index;
  }

  #moveToTail(index: number): void {
    if (index === this.#tail) return;
    if (index === this.#head) this.#head = this.#next[index]!;
    else {
      const prev = this.#prev[index]!;
      const next = this.#next[index]!;
      this.#next[prev] = next;
      this.#prev[next] = prev;
    }
    this.#next[this.#tail] = index;
    this.#prev[index] = this.#tail;
    this.#tail = index;
  }

  #remove(index: number): void {
    this.#index.delete(this.#keys[index]!);
    if (index === this.#head) this.#head = this.#next[index]!;
    else if (index === this.#tail) this.#tail = this.#prev[index]!;
    else {
      const prev = this.#prev[index]!;
      const next = this.#next[index]!;
      this.#next[prev] = next;
      this.#prev[next] = prev;
    }
    this.#keys[index] = undefined;
    this.#values[index] = undefined;
    if (this.#maxSize > 0) {
      this.#size -= this.#sizes[index]!;
      this.#sizes[index] = 0;
    }
    this.#free.push(index);
  }
}
