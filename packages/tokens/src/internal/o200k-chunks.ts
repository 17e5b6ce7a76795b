// o200k_base's pre-tokenizer, alternative by alternative, with the regex's backtracking:
//   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//  |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//  |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
import { LOWER, NUMBER, UPPER } from './char-classes.ts';
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
  stepBack,
} from './chunk-rules.ts';

/** `[U]*[W]+` at `q` with the regex's backtracking, or -1 when it does not match. */
function upperLower(text: string, q: number, len: number, classes: Uint8Array): number {
  const k = runEnd(text, q, len, UPPER, classes);
  if (k < len && (infoAt(text, k, classes) & LOWER) !== 0) {
    return runEnd(text, k, len, LOWER, classes);
  }
  // Give back upper-class characters one at a time until one of them can start [W]+.
  for (let j = k; j > q; ) {
    j = stepBack(text, j, q);
    if ((infoAt(text, j, classes) & LOWER) !== 0) return runEnd(text, j, len, LOWER, classes);
  }
  return -1;
}

/** `[U]+[W]*` at `q`, or -1. */
function upperThenLower(text: string, q: number, len: number, classes: Uint8Array): number {
  if (q >= len || (infoAt(text, q, classes) & UPPER) === 0) return -1;
  return runEnd(text, runEnd(text, q, len, UPPER, classes), len, LOWER, classes);
}

/** The two word alternatives, each first with its optional leading character; -1 if neither. */
function wordEnd(text: string, p: number, first: number, len: number, classes: Uint8Array): number {
  const prefixed = (first & NOT_PREFIX) === 0;
  const q = p + (first & PAIR ? 2 : 1);
  let end = prefixed ? upperLower(text, q, len, classes) : -1;
  if (end < 0 && (first & (UPPER | LOWER)) !== 0) end = upperLower(text, p, len, classes);
  if (end < 0 && prefixed) end = upperThenLower(text, q, len, classes);
  if (end < 0) end = upperThenLower(text, p, len, classes);
  return end < 0 ? -1 : contractionEnd(text, end, len);
}

/** End of the o200k_base chunk that starts at `p` (< text.length). */
export function o200kChunkEnd(text: string, p: number, classes: Uint8Array): number {
  const len = text.length;
  const first = infoAt(text, p, classes);
  const next = p + (first & PAIR ? 2 : 1);
  const word =
    (first & (UPPER | LOWER)) !== 0 ||
    ((first & NOT_PREFIX) === 0 &&
      next < len &&
      (infoAt(text, next, classes) & (UPPER | LOWER)) !== 0);
  if (word) {
    const end = wordEnd(text, p, first, len, classes);
    if (end > p) return end;
  }
  if (first & NUMBER) return numberEnd(text, p, len, classes);
  if (text.charCodeAt(p) === 32 && next < len && (infoAt(text, next, classes) & NOT_PUNCT) === 0) {
    return punctEnd(text, next, len, true, classes);
  }
  if ((first & NOT_PUNCT) === 0) return punctEnd(text, p, len, true, classes);
  return spaceEnd(text, p, len, classes);
}
