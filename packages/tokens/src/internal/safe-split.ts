// Cuts a long text into pieces whose token counts add up exactly to the whole text's count.
// Both encodings' pre-tokenizers end a chunk at a newline that is followed by an ASCII letter
// or digit (no pattern continues a newline run into a letter or digit, and no letter or number
// pattern starts with a newline), so BPE never sees a chunk that crosses such a boundary.
// A space between two ASCII letters works too: the word before ends at the space and ` word`
// starts a new chunk in both patterns. Both rules only look at ASCII characters, so a cut never
// falls inside a surrogate pair, a digit run, a CJK run or a whitespace run.

function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** True when the pre-tokenizer always starts a new chunk at `at` (0 < at < text.length). */
export function isSafeCut(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  const before = text.charCodeAt(at - 1);
  if (before === 10) return isAlnum(code);
  return code === 32 && isLetter(before) && isLetter(text.charCodeAt(at + 1));
}

/** The first safe cut in `[from, to)` (from ≥ 1), or -1 when there is none. */
export function cutBetween(text: string, from: number, to: number): number {
  const end = Math.min(to, text.length - 1);
  for (let at = Math.max(from, 1); at < end; at++) {
    if (isSafeCut(text, at)) return at;
  }
  return -1;
}

/**
 * Splits `text` into pieces of at least `size` characters (longer where the next safe cut is
 * further away), whose token counts sum to the count of `text`.
 */
export function splitSafely(text: string, size: number): string[] {
  if (text.length <= size) return [text];
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > size) {
    const cut = cutBetween(text, start + size, text.length);
    if (cut === -1) break;
    pieces.push(text.slice(start, cut));
    start = cut;
  }
  pieces.push(text.slice(start));
  return pieces;
}
