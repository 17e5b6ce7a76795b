import { TokensArgumentError } from './errors.ts';
import { type Block, splitBlocks } from './internal/prose-blocks.ts';
import { assertString } from './internal/validate.ts';
import { createTokenizer, type Tokenizer } from './tokenizer.ts';

/** Options for {@link compress}. */
export interface CompressOptions {
  /** Tokenizer that measures the saving. @default createTokenizer() (o200k_base) */
  readonly tokenizer?: Tokenizer;
}

/** What {@link compress} returns. */
export interface CompressResult {
  /** The compressed text. */
  readonly text: string;
  /** Tokens of the input. */
  readonly tokensBefore: number;
  /** Tokens of {@link CompressResult.text}. */
  readonly tokensAfter: number;
  /** `tokensBefore - tokensAfter`. */
  readonly saved: number;
}

const INLINE_CODE = /(`+)[\s\S]*?\1/g;

// Collapses runs of spaces and tabs inside a prose line, except inside `inline code` spans.
function compressLine(line: string): string {
  let out = '';
  let last = 0;
  for (const match of line.matchAll(INLINE_CODE)) {
    out += line.slice(last, match.index).replace(/[ \t]{2,}/g, ' ') + match[0];
    last = match.index + match[0].length;
  }
  return (out + line.slice(last).replace(/[ \t]{2,}/g, ' ')).trimEnd();
}

// A blank run between two prose blocks becomes one empty line; next to verbatim content
// it is kept as it is, because it may belong to a YAML block scalar or a Python string.
function blankLines(blocks: readonly Block[], index: number): string[] {
  const before = blocks[index - 1];
  const after = blocks[index + 1];
  if (!before || !after) return [];
  if (before.verbatim || after.verbatim) return blocks[index]!.lines;
  return [''];
}

/** The text transformation of {@link compress}, without counting. */
export function compressText(text: string): string {
  const blocks = splitBlocks(text.split('\n'));
  const lines = blocks.flatMap((block, index) => {
    if (block.blank) return blankLines(blocks, index);
    return block.verbatim ? block.lines : block.lines.map(compressLine);
  });
  return lines.join('\n');
}

/**
 * Removes whitespace that costs tokens and carries no meaning: trailing spaces, runs of spaces
 * and tabs inside prose lines, repeated blank lines between prose paragraphs, and blank lines
 * at the start and end. Fenced code blocks, indented paragraphs and code-like content
 * (Python, YAML, Makefiles, JSON, C-like code) and triple-quoted strings are kept byte for byte.
 *
 * @example
 * ```ts
 * const { text, saved } = compress(prompt);
 * ```
 */
export function compress(text: string, options: CompressOptions = {}): CompressResult {
  assertString(text, 'text');
  if (options.tokenizer !== undefined && typeof options.tokenizer?.count !== 'function') {
    throw new TokensArgumentError('options.tokenizer', 'a Tokenizer from createTokenizer()');
  }
  const tokenizer = options.tokenizer ?? createTokenizer();
  const out = compressText(text);
  const tokensBefore = tokenizer.count(text);
  const tokensAfter = tokenizer.count(out);
  return { text: out, tokensBefore, tokensAfter, saved: tokensBefore - tokensAfter };
}
