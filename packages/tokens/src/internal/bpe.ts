import { createRequire } from 'node:module';
import type { EncodingName } from '../encodings.ts';
import { ChunkMemo } from './chunk-memo.ts';
import { splitPattern } from './split-patterns.ts';

/** The part of gpt-tokenizer's per-encoding module this package uses (its rank tables and BPE merge). */
interface RankEncoding {
  encode(text: string, options: { disallowedSpecial: Set<string> }): number[];
  decode(tokens: Iterable<number>): string;
}

// Chunks longer than this are rare (long words, whitespace runs) and not worth memoising.
const MAX_MEMO_CHUNK = 48;
const NO_SPECIAL = { disallowedSpecial: new Set<string>() };

function loadRanks(encoding: EncodingName): RankEncoding {
  // require() caches per process (per thread in a worker): each encoding's ranks load once, on first use.
  const require = createRequire(import.meta.url);
  return require(`gpt-tokenizer/encoding/${encoding}`) as RankEncoding;
}

/**
 * Exact BPE for one encoding: splits with the encoding's pre-tokenizer regex, then counts
 * each chunk through a memo and falls back to gpt-tokenizer's rank tables on a miss.
 * Special-token strings are ordinary text here, never control tokens.
 */
export class BpeEngine {
  readonly encoding: EncodingName;
  readonly #ranks: RankEncoding;
  readonly #pattern: RegExp;
  readonly #counts: ChunkMemo<number>;

  constructor(encoding: EncodingName, memoSize = 50_000) {
    this.encoding = encoding;
    this.#ranks = loadRanks(encoding);
    this.#pattern = splitPattern(encoding);
    this.#counts = new ChunkMemo(memoSize);
  }

  #chunkCount(chunk: string): number {
    if (chunk.length > MAX_MEMO_CHUNK) return this.#ranks.encode(chunk, NO_SPECIAL).length;
    let n = this.#counts.get(chunk);
    if (n === undefined) {
      n = this.#ranks.encode(chunk, NO_SPECIAL).length;
      this.#counts.set(chunk, n);
    }
    return n;
  }

  /** Number of tokens in `text`. */
  count(text: string): number {
    return this.countUpTo(text, Number.POSITIVE_INFINITY);
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
    const pattern = this.#pattern;
    pattern.lastIndex = start;
    let total = 0;
    for (let m = pattern.exec(text); m !== null && m.index < end; m = pattern.exec(text)) {
      total += this.#chunkCount(m[0]);
      if (total > limit) return -1;
    }
    return total;
  }

  /** Token ids of `text`. */
  encode(text: string): Uint32Array {
    return Uint32Array.from(this.#ranks.encode(text, NO_SPECIAL));
  }

  /** Text of `tokens`; throws a RangeError naming the first id that is not in the vocabulary. */
  decode(tokens: ArrayLike<number> & Iterable<number>): string {
    return this.#ranks.decode(tokens);
  }
}
