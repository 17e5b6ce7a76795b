import type { EncodingName } from '../encodings.ts';

// The pre-tokenizer patterns of tiktoken's o200k_base and cl100k_base (tiktoken_ext/openai_public.py),
// rewritten for JavaScript's `u` regexes: no possessive quantifiers, `(?i:…)` spelled out.
const CONTRACTION = "'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE])";
const UPPER = String.raw`[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`;
const LOWER = String.raw`[\p{Ll}\p{Lm}\p{Lo}\p{M}]`;

const O200K = [
  String.raw`[^\r\n\p{L}\p{N}]?${UPPER}*${LOWER}+(?:${CONTRACTION})?`,
  String.raw`[^\r\n\p{L}\p{N}]?${UPPER}+${LOWER}*(?:${CONTRACTION})?`,
  String.raw`\p{N}{1,3}`,
  String.raw` ?[^\s\p{L}\p{N}]+[\r\n/]*`,
  String.raw`\s*[\r\n]+`,
  String.raw`\s+(?!\S)`,
  String.raw`\s+`,
].join('|');

const CL100K = [
  CONTRACTION,
  String.raw`[^\r\n\p{L}\p{N}]?\p{L}+`,
  String.raw`\p{N}{1,3}`,
  String.raw` ?[^\s\p{L}\p{N}]+[\r\n]*`,
  String.raw`\s+$`,
  String.raw`\s*[\r\n]`,
  String.raw`\s+(?!\S)`,
  String.raw`\s`,
].join('|');

/** A fresh global regex that splits text into the chunks BPE runs on. */
export function splitPattern(encoding: EncodingName): RegExp {
  return new RegExp(encoding === 'o200k_base' ? O200K : CL100K, 'gu');
}
