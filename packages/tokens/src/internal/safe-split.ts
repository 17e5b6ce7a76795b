// Cuts a long text into pieces whose token counts add up exactly to the whole text's count.
// Both encodings' pre-tokenizers end a chunk at a newline that is followed by an ASCII letter
// or digit (no pattern continues a newline run into a letter or digit, and no letter or number
// pattern starts with a newline), so BPE never sees a chunk that crosses such a boundary.
// Without one nearby, a space between two ASCII letters works too: the word before ends at the
// space and ` word` starts a new chunk in both patterns.

function isAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function newlineCut(text: string, from: number, to: number): number {
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
    if (isAlnum(text.charCodeAt(i + 1))) return i + 1;
  }
  return -1;
}

function spaceCut(text: string, from: number, to: number): number {
  for (let i = text.indexOf(' ', from); i !== -1 && i < to; i = text.indexOf(' ', i + 1)) {
    if (isLetter(text.charCodeAt(i - 1)) && isLetter(text.charCodeAt(i + 1))) return i;
  }
  return -1;
}

/** A safe cut at or after `target` and before `limit`, or -1 when there is none. */
export function safeCut(text: string, target: number, limit: number): number {
  const cut = newlineCut(text, target, limit);
  return cut !== -1 ? cut : spaceCut(text, Math.max(target, 1), limit);
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
    const cut = safeCut(text, start + size, text.length - 1);
    if (cut === -1 || cut <= start) break;
    pieces.push(text.slice(start, cut));
    start = cut;
  }
  pieces.push(text.slice(start));
  return pieces;
}
