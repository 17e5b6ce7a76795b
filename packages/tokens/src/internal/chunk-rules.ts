// The pieces both pre-tokenizer patterns share, written as code over a class table instead of
// a JavaScript RegExp: JavaScript's `\s` and `\p{…}` differ from the regex crate tiktoken uses
// (`\s` includes U+FEFF but not U+0085; Node's Unicode version is not tiktoken's), and a scan
// over char codes allocates no match arrays or substrings.
import { LETTER, NEWLINE, NUMBER, SPACE } from './char-classes.ts';
import { CONTRACTION_FOLDS } from './unicode-classes.generated.ts';

/** Set on an {@link infoAt} result when the code point is a surrogate pair (two code units). */
export const PAIR = 64;
/** Classes that cannot be the optional character before a word: `[^\r\n\p{L}\p{N}]`. */
export const NOT_PREFIX: number = LETTER | NUMBER | NEWLINE;
/** Classes outside `[^\s\p{L}\p{N}]` (punctuation, symbols, marks, controls, unassigned). */
export const NOT_PUNCT: number = SPACE | LETTER | NUMBER;

/**
 * Class of the code point at `i`, plus {@link PAIR} when it takes two code units. An unpaired
 * surrogate has class 0, like the U+FFFD that tiktoken's binding turns it into. `i` < length.
 */
export function infoAt(text: string, i: number, classes: Uint8Array): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return classes[c]!;
  const d = text.charCodeAt(i + 1);
  if (d >= 0xdc00 && d <= 0xdfff) return classes[((c - 0xd800) << 10) + d + 0x2400]! | PAIR;
  return 0;
}

/** Start of the code point that ends at `j` (the scan that reached `j` went forwards). */
export function stepBack(text: string, j: number, floor: number): number {
  const c = text.charCodeAt(j - 1);
  if (c >= 0xdc00 && c <= 0xdfff && j - 2 >= floor) {
    const h = text.charCodeAt(j - 2);
    if (h >= 0xd800 && h <= 0xdbff) return j - 2;
  }
  return j - 1;
}

/** End of the run of code points whose class has any of `flags`, starting at `i`. */
export function runEnd(
  text: string,
  i: number,
  len: number,
  flags: number,
  classes: Uint8Array,
): number {
  let at = i;
  while (at < len) {
    const info = infoAt(text, at, classes);
    if ((info & flags) === 0) break;
    at += info & PAIR ? 2 : 1;
  }
  return at;
}

/** `\p{N}{1,3}` at `i` (the first code point is known to be a number). */
export function numberEnd(text: string, i: number, len: number, classes: Uint8Array): number {
  let at = i;
  for (let n = 0; n < 3 && at < len; n++) {
    const info = infoAt(text, at, classes);
    if ((info & NUMBER) === 0) break;
    at += info & PAIR ? 2 : 1;
  }
  return at;
}

/**
 * `\s*[\r\n]+|\s+(?!\S)|\s+` at `i` (the first code point is white space): up to the last line
 * break of the run; else the whole run at the end of the text; else all but its last character
 * (which then starts the next chunk); else the single character.
 */
export function spaceEnd(text: string, i: number, len: number, classes: Uint8Array): number {
  let at = i;
  let lastBreak = -1;
  while (at < len) {
    const info = infoAt(text, at, classes);
    if ((info & SPACE) === 0) break;
    if (info & NEWLINE) lastBreak = at;
    at++; // every White_Space character is in the BMP
  }
  if (lastBreak >= 0) return lastBreak + 1;
  if (at === len || at - 1 === i) return at;
  return at - 1;
}

/** `[^\s\p{L}\p{N}]+` from `i`, then line breaks (and `/` when `slashes`) after it. */
export function punctEnd(
  text: string,
  i: number,
  len: number,
  slashes: boolean,
  classes: Uint8Array,
): number {
  let at = i;
  while (at < len) {
    const info = infoAt(text, at, classes);
    if ((info & NOT_PUNCT) !== 0) break;
    at += info & PAIR ? 2 : 1;
  }
  while (at < len) {
    const c = text.charCodeAt(at);
    if (c !== 10 && c !== 13 && (c !== 47 || !slashes)) break;
    at++;
  }
  return at;
}

const FOLD_S = CONTRACTION_FOLDS.s!;
const FOLD_T = CONTRACTION_FOLDS.t!;
const FOLD_R = CONTRACTION_FOLDS.r!;
const FOLD_E = CONTRACTION_FOLDS.e!;
const FOLD_V = CONTRACTION_FOLDS.v!;
const FOLD_M = CONTRACTION_FOLDS.m!;
const FOLD_L = CONTRACTION_FOLDS.l!;
const FOLD_D = CONTRACTION_FOLDS.d!;

/**
 * End of `(?i:'s|'t|'re|'ve|'m|'ll|'d)` at `i`, or `i` when there is none. Case-insensitive
 * as the regex crate is: `'ſ` (long s) matches `'s`.
 */
export function contractionEnd(text: string, i: number, len: number): number {
  if (i + 1 >= len || text.charCodeAt(i) !== 39) return i;
  const a = text[i + 1]!;
  if (FOLD_S.includes(a) || FOLD_T.includes(a) || FOLD_M.includes(a) || FOLD_D.includes(a)) {
    return i + 2;
  }
  if (i + 2 >= len) return i;
  const b = text[i + 2]!;
  if ((FOLD_R.includes(a) || FOLD_V.includes(a)) && FOLD_E.includes(b)) return i + 3;
  if (FOLD_L.includes(a) && FOLD_L.includes(b)) return i + 3;
  return i;
}
