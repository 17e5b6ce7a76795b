import { TokensArgumentError } from './errors.ts';
import type { Block } from './internal/prose-blocks.ts';
import { rewriteDocument } from './internal/prose-rewrite.ts';
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

/** Lines and the line endings after them (`\r\n`, `\r` or `\n`; none after the last). */
function splitLines(text: string): { lines: string[]; endings: string[] } {
  const parts = text.split(/(\r\n|\r|\n)/);
  const lines: string[] = [];
  const endings: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    lines.push(parts[i]!);
    endings.push(parts[i + 1] ?? '');
  }
  return { lines, endings };
}

// A blank run between two prose blocks becomes one empty line; next to verbatim content it is
// kept as it is (it may belong to a YAML block scalar, a Python string, an indented code block
// or a fence left open inside a list item). At the start of the text it goes, and at the end
// too unless it follows verbatim content.
function blankRun(blocks: readonly Block[], index: number): 'drop' | 'one' | 'keep' {
  const before = blocks[index - 1];
  const after = blocks[index + 1];
  if (!before) return 'drop';
  if (before.verbatim || after?.verbatim) return 'keep';
  return after ? 'one' : 'drop';
}

/** The text transformation of {@link compress}, without counting. */
export function compressText(text: string): string {
  const split = splitLines(text);
  const { endings } = split;
  const { blocks, lines } = rewriteDocument(split.lines);
  const out: [string, string][] = [];
  for (const [index, block] of blocks.entries()) {
    const rule = block.blank ? blankRun(blocks, index) : 'keep';
    if (rule === 'one') out.push(['', endings[block.start]!]);
    if (rule === 'one' || rule === 'drop') continue;
    for (let i = block.start; i < block.end; i++) out.push([lines[i]!, endings[i]!]);
  }
  // Blank lines dropped from the end (after prose) take the line ending before them along.
  if (blocks.length > 1 && blankRun(blocks, blocks.length - 1) === 'drop') {
    out[out.length - 1]![1] = '';
  }
  return out.map(([line, ending]) => line + ending).join('');
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
