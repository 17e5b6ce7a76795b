/** A growable list of token ids over one Uint32Array. */
export class TokenBuffer {
  ids: Uint32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.ids = new Uint32Array(Math.max(16, capacity));
  }

  push(id: number): void {
    if (this.length === this.ids.length) {
      const grown = new Uint32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = id;
  }

  /** The ids pushed so far, as an array of exactly that length. */
  toArray(): Uint32Array {
    return this.ids.slice(0, this.length);
  }
}
