// Splits text into blocks that compress() may rewrite ("prose") and blocks it must leave byte
// for byte ("verbatim"). markdown-lines.ts decides which lines are top-level text at all (not
// fenced code, HTML or anything inside a container); a run of such lines is prose unless it
// looks like code or configuration passed as plain text (Python, YAML, Makefiles, JSON, C-like
// code, comments) or opens a triple-quoted string, which then stays verbatim until it closes.
import { classifyLines, isContained, type LineKind } from './markdown-lines.ts';

/** A run of lines, with whether compress() may rewrite it. */
export interface Block {
  readonly verbatim: boolean;
  readonly blank: boolean;
  /**
   * A run of text kept only because some of its lines belong to blockquotes or list items:
   * their content may be rewritten as a document of its own.
   */
  readonly containers: boolean;
  /** Indexes of the block's lines, ascending and contiguous. */
  readonly start: number;
  readonly end: number;
}

const CODE_LINE = [
  /^[\w.$()/%-]+(\s+[\w.$()/%-]+)*\s*::?=?(\s|$)/, // YAML keys, Makefile rules, `key: value`
  /^-{1,3}(\s|$)/, // YAML sequences and document markers
  /^(def|class|import|from|if|elif|else|for|while|try|except|finally|with|return|async|await|@\w+)\b/,
  /^[A-Za-z_$][\w.$]*(\[[^\]]*\])?\s*([-+*/%&|^]|\*\*|\/\/|<<|>>)?=[^=]/, // assignments
  /^[\w.$]+\(.*\)[;,]?\s*$/, // a call on a line of its own
  /[{}[\];]\s*$/, // C-like and JSON lines
  /^\s*(#|\/\/|\/\*|\*|<!--)/, // comments
  /^#!/, // a shebang
];
const TRIPLE_QUOTE = /"""|'''/g;

function looksLikeCode(line: string): boolean {
  return CODE_LINE.some((pattern) => pattern.test(line));
}

function tripleQuotes(line: string): number {
  return line.match(TRIPLE_QUOTE)?.length ?? 0;
}

/** A run of text lines `[start, end)`, extended to the end of a triple-quoted string it opens. */
function textBlock(lines: readonly string[], start: number, end: number): Block {
  const run = lines.slice(start, end);
  const open = run.reduce((n, line) => n + tripleQuotes(line), 0) % 2 === 1;
  const code = run.some((line) => !isContained(line) && looksLikeCode(line));
  const contained = run.some(isContained);
  return {
    verbatim: open || code || contained,
    blank: false,
    containers: contained && !open && !code,
    start,
    end: open ? closingQuote(lines, end) : end,
  };
}

/** Cuts `lines` into blank, prose and verbatim blocks, in order; `kinds` from classifyLines. */
export function splitBlocks(
  lines: readonly string[],
  kinds: readonly LineKind[] = classifyLines(lines),
): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; ) {
    const kind = kinds[i]!;
    let end = i + 1;
    while (end < lines.length && kinds[end] === kind) end++;
    const block =
      kind === 'text'
        ? textBlock(lines, i, end)
        : {
            verbatim: kind === 'verbatim',
            blank: kind === 'blank',
            containers: false,
            start: i,
            end,
          };
    blocks.push(block);
    i = block.end;
  }
  return blocks;
}

/** Index after the line that closes a triple quote left open before `from`. */
function closingQuote(lines: readonly string[], from: number): number {
  for (let i = from; i < lines.length; i++) if (tripleQuotes(lines[i]!) % 2 === 1) return i + 1;
  return lines.length;
}
