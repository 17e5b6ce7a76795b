// cl100k_base's pre-tokenizer, as tiktoken compiles it:
//   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*
//  |\s*[\r\n]+|\s+(?!\S)|\s+
// (Later Python releases of tiktoken spell it with possessive quantifiers and `\s++$`, which
// splits trailing white space differently; parity here is with tiktoken's WASM build.)
import { LETTER, NUMBER } from './char-classes.ts';
import {
  contractionEnd,
  infoAt,
  NOT_PREFIX,
  NOT_PUNCT,
  numberEnd,
  PAIR,
  punctEnd,
  runEnd,
  spaceEnd,
} from './chunk-rules.ts';

/** End of the cl100k_base chunk that starts at `p` (< text.length). */
export function cl100kChunkEnd(text: string, p: number, classes: Uint8Array): number {
  const len = text.length;
  const contraction = contractionEnd(text, p, len);
  if (contraction > p) return contraction;
  const first = infoAt(text, p, classes);
  if (first & LETTER) return runEnd(text, p, len, LETTER, classes);
  const next = p + (first & PAIR ? 2 : 1);
  const after = next < len ? infoAt(text, next, classes) : 0;
  if ((first & NOT_PREFIX) === 0 && (after & LETTER) !== 0) {
    return runEnd(text, next, len, LETTER, classes);
  }
  if (first & NUMBER) return numberEnd(text, p, len, classes);
  if (text.charCodeAt(p) === 32 && next < len && (after & NOT_PUNCT) === 0) {
    return punctEnd(text, next, len, false, classes);
  }
  if ((first & NOT_PUNCT) === 0) return punctEnd(text, p, len, false, classes);
  return spaceEnd(text, p, len, classes);
}
