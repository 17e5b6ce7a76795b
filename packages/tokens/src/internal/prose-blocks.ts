// Splits text into blocks that compress() may rewrite ("prose") and blocks it must leave
// byte for byte ("verbatim"): fenced code, indented or code-like paragraphs (Python, YAML,
// Makefiles, JSON …) and open triple-quoted strings.

/** A run of lines, with whether compress() may rewrite it. */
export interface Block {
  readonly verbatim: boolean;
  readonly blank: boolean;
  readonly lines: string[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CODE_LINE = [
  /^[ \t]/, // indentation is significant in Python, YAML, Makefiles and nested lists
  /^[\w.$()/%-]+(\s+[\w.$()/%-]+)*\s*::?=?(\s|$)/, // YAML keys, Makefile rules, `key: value`
  /^-{1,3}(\s|$)/, // YAML sequences and document markers
  /^(def|class|import|from|if|elif|else|for|while|try|except|finally|with|return|async|await|@\w+)\b/,
  /[{}[\];]\s*$/, // C-like and JSON lines
  /^\s*(#|\/\/|\/\*|\*)/, // comments
];
const TRIPLE_QUOTE = /"""|'''/g;

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function looksLikeCode(lines: readonly string[]): boolean {
  return lines.some((line) => CODE_LINE.some((pattern) => pattern.test(line)));
}

function opensTripleQuote(lines: readonly string[]): boolean {
  return lines.reduce((n, line) => n + (line.match(TRIPLE_QUOTE)?.length ?? 0), 0) % 2 === 1;
}

/** Index after the fence that opens at `start`: the closing fence line, or the end. */
function fenceEnd(lines: readonly string[], start: number): number {
  const marker = FENCE.exec(lines[start]!)![1]!;
  const close = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
  for (let i = start + 1; i < lines.length; i++) if (close.test(lines[i]!)) return i + 1;
  return lines.length;
}

/** Index after the run of non-blank, non-fence lines that starts at `start`. */
function paragraphEnd(lines: readonly string[], start: number): number {
  let i = start + 1;
  while (i < lines.length && !isBlank(lines[i]!) && !FENCE.test(lines[i]!)) i++;
  return i;
}

/** Index after the line that closes a triple quote opened before `start`. */
function tripleQuoteEnd(lines: readonly string[], start: number): number {
  for (let i = start; i < lines.length; i++) {
    if ((lines[i]!.match(TRIPLE_QUOTE)?.length ?? 0) % 2 === 1) return i + 1;
  }
  return lines.length;
}

/** Cuts `lines` into blank, prose and verbatim blocks, in order. */
export function splitBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    let end: number;
    let verbatim = true;
    if (isBlank(line)) {
      end = i + 1;
      while (end < lines.length && isBlank(lines[end]!)) end++;
      blocks.push({ verbatim: false, blank: true, lines: lines.slice(i, end) });
      i = end;
      continue;
    }
    if (FENCE.test(line)) end = fenceEnd(lines, i);
    else {
      end = paragraphEnd(lines, i);
      const paragraph = lines.slice(i, end);
      if (opensTripleQuote(paragraph)) end = tripleQuoteEnd(lines, end);
      else verbatim = looksLikeCode(paragraph);
    }
    blocks.push({ verbatim, blank: false, lines: lines.slice(i, end) });
    i = end;
  }
  return blocks;
}
