import type { EncodingName } from '../encodings.ts';

/**
 * Each encoding's special tokens (tiktoken_ext/openai_public.py). Text is always encoded as
 * ordinary text here, so these ids only ever come in through `decode`.
 */
export const SPECIAL_TOKENS: Readonly<Record<EncodingName, Readonly<Record<string, number>>>> = {
  o200k_base: { '<|endoftext|>': 199_999, '<|endofprompt|>': 200_018 },
  cl100k_base: {
    '<|endoftext|>': 100_257,
    '<|fim_prefix|>': 100_258,
    '<|fim_middle|>': 100_259,
    '<|fim_suffix|>': 100_260,
    '<|endofprompt|>': 100_276,
  },
};
