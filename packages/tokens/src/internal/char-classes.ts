// Bit flags of a code point's class in the pre-tokenizer patterns of o200k_base and
// cl100k_base, with the meaning the regex crate inside tiktoken gives them (Unicode 16.0).
// Unpaired surrogates have class 0: tiktoken's JavaScript binding receives them as U+FFFD.

/** `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`: what o200k_base allows before the lower-case part of a word. */
export const UPPER = 1;
/** `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`: the lower-case part of a word in o200k_base. */
export const LOWER = 2;
/** `\p{L}`. */
export const LETTER = 4;
/** `\p{N}`. */
export const NUMBER = 8;
/** `\s`: the Unicode White_Space property (U+0085 included, U+FEFF and U+180E not). */
export const SPACE = 16;
/** `[\r\n]`. */
export const NEWLINE = 32;
