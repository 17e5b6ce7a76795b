import type { EncodingName } from '../encodings.ts';
import { BytePairMerger } from './byte-pair-merge.ts';
import { cl100kChunkEnd } from './cl100k-chunks.ts';
import { o200kChunkEnd } from './o200k-chunks.ts';
import { sharedClassTable, sharedVocabulary } from './shared-tables.ts';
import { SPECIAL_TOKENS } from './special-tokens.ts';
import { TokenBuffer } from './token-buffer.ts';
import { NO_RANK, type Vocabulary } from './vocabulary.ts';

// No token is longer than this many bytes, so longer chunks skip the whole-chunk lookup.
const LONGEST_TOKEN = 128;
/** Bytes of UTF-8 scratch a tokenizer keeps between calls; longer chunks get a temporary buffer. */
export const KEPT_SCRATCH_BYTES = 65_536;

/**
 * Exact BPE for one encoding, equal to tiktoken's `encode_ordinary`: a pre-tokenizer written
 * as code (o200k-chunks.ts, cl100k-chunks.ts) cuts the text into chunks; each chunk is
 * UTF-8-encoded into a scratch buffer (unpaired surrogates as U+FFFD, as tiktoken's binding
 * does) and is one token if the vocabulary has it, else goes through the byte-pair merge.
 * Nothing is memoised, so speed does not depend on having seen the text, and nothing grows.
 */
export class BpeEngine {
  readonly encoding: EncodingName;
  readonly #vocab: Vocabulary;
  readonly #classes: Uint8Array;
  readonly #o200k: boolean;
  readonly #merger: BytePairMerger;
  #bytes = new Uint8Array(1024);

  constructor(encoding: EncodingName) {
    this.encoding = encoding;
    this.#vocab = sharedVocabulary(encoding);
    this.#classes = sharedClassTable();
    this.#o200k = encoding === 'o200k_base';
    this.#merger = new BytePairMerger(this.#vocab);
  }

  /** Number of tokens in `text`. */
  count(text: string): number {
    return this.countRange(text, 0, text.length, Number.POSITIVE_INFINITY);
  }

  /** Tokens in `text`, or -1 as soon as the count exceeds `limit`. */
  countUpTo(text: string, limit: number): number {
    return this.countRange(text, 0, text.length, limit);
  }

  /**
   * Tokens of the chunks that start in `[start, end)` of `text`, or -1 as soon as the count
   * exceeds `limit`. `start` must be a chunk boundary of the whole text (0 or a safe cut):
   * then the scan sees the chunks the whole text has, and ranges between safe cuts add up to
   * the whole count without copying any slice of the text.
   */
  countRange(text: string, start: number, end: number, limit: number): number {
    const classes = this.#classes;
    let total = 0;
    for (let p = start; p < end; ) {
      const e = this.#o200k ? o200kChunkEnd(text, p, classes) : cl100kChunkEnd(text, p, classes);
      total += e - p === 1 && text.charCodeAt(p) < 0x80 ? 1 : this.#chunk(text, p, e, undefined);
      if (total > limit) return -1;
      p = e;
    }
    return total;
  }

  /** Token ids of `text`. */
  encode(text: string): Uint32Array {
    const out = new TokenBuffer(text.length >> 2);
    const classes = this.#classes;
    const single = this.#vocab.byteRanks;
    for (let p = 0; p < text.length; ) {
      const e = this.#o200k ? o200kChunkEnd(text, p, classes) : cl100kChunkEnd(text, p, classes);
      const c = text.charCodeAt(p);
      if (e - p === 1 && c < 0x80) out.push(single[c]!);
      else this.#chunk(text, p, e, out);
      p = e;
    }
    return out.toArray();
  }

  /** Tokens of the chunk `text[start … end)`; appends their ids to `out` if given. */
  #chunk(text: string, start: number, end: number, out: TokenBuffer | undefined): number {
    const bytes = this.#scratch((end - start) * 3);
    const n = utf8(text, start, end, bytes);
    const vocab = this.#vocab;
    let rank = NO_RANK;
    if (n === 1) rank = vocab.byteRanks[bytes[0]!]!;
    else if (n === 2) rank = vocab.pairRanks[(bytes[0]! << 8) | bytes[1]!]!;
    else if (n <= LONGEST_TOKEN) rank = vocab.rank(bytes, 0, n);
    if (rank !== NO_RANK) {
      out?.push(rank);
      return 1;
    }
    return this.#merger.merge(bytes, n, out);
  }

  /** A buffer of at least `size` bytes: the kept one, grown up to {@link KEPT_SCRATCH_BYTES}. */
  #scratch(size: number): Uint8Array {
    if (this.#bytes.length >= size) return this.#bytes;
    if (size > KEPT_SCRATCH_BYTES) return new Uint8Array(size);
    this.#bytes = new Uint8Array(Math.min(KEPT_SCRATCH_BYTES, size * 2));
    return this.#bytes;
  }

  /** Text of `tokens`; throws a RangeError naming the first id that is not in the vocabulary. */
  decode(tokens: ArrayLike<number>): string {
    return new TextDecoder().decode(this.decodeBytes(tokens));
  }

  /** The bytes `tokens` stand for (special tokens as their text). */
  decodeBytes(tokens: ArrayLike<number>): Uint8Array {
    const { offsets, bytes, count } = this.#vocab.data;
    const parts: Uint8Array[] = [];
    let size = 0;
    for (let i = 0; i < tokens.length; i++) {
      const id = tokens[i]!;
      const part =
        Number.isInteger(id) && id >= 0 && id < count
          ? bytes.subarray(offsets[id]!, offsets[id + 1]!)
          : this.#special(id);
      parts.push(part);
      size += part.length;
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  #special(id: number): Uint8Array {
    for (const [text, special] of Object.entries(SPECIAL_TOKENS[this.encoding])) {
      if (special === id) return new TextEncoder().encode(text);
    }
    throw new RangeError(`token id ${String(id)} is not in ${this.encoding}`);
  }
}

/** UTF-8 of `text[start … end)` into `bytes`; returns its length in bytes. */
function utf8(text: string, start: number, end: number, bytes: Uint8Array): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      bytes[n++] = c;
    } else if (c < 0x800) {
      bytes[n++] = 0xc0 | (c >> 6);
      bytes[n++] = 0x80 | (c & 63);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < end ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const cp = ((c - 0xd800) << 10) + d + 0x2400;
          bytes[n++] = 0xf0 | (cp >> 18);
          bytes[n++] = 0x80 | ((cp >> 12) & 63);
          bytes[n++] = 0x80 | ((cp >> 6) & 63);
          bytes[n++] = 0x80 | (cp & 63);
          i++;
          continue;
        }
        c = 0xfffd; // an unpaired surrogate, as TextEncoder (and so tiktoken) encodes it
      }
      bytes[n++] = 0xe0 | (c >> 12);
      bytes[n++] = 0x80 | ((c >> 6) & 63);
      bytes[n++] = 0x80 | (c & 63);
    }
  }
  return n;
}
