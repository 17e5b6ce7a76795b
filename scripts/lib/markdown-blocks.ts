// Fenced code blocks of a Markdown document, with what the document says about each: a
// language, and an optional marker comment on the line before the fence:
//   <!-- not-a-program: why -->   a TS/JS block that is deliberately a fragment
//   <!-- file: src/index.ts -->   a block that is one file of a project the document builds

/** Languages whose blocks are programs to type-check and run, and the file extension each gets. */
export const PROGRAM_LANGUAGES: Readonly<Record<string, 'ts' | 'mjs'>> = {
  ts: 'ts',
  typescript: 'ts',
  mts: 'ts',
  js: 'mjs',
  javascript: 'mjs',
  mjs: 'mjs',
};

/** One fenced block. */
export interface CodeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The first word of the info string, lower-cased; `''` when there is none. */
  readonly language: string;
  readonly code: string;
  /** The reason given by a `<!-- not-a-program: … -->` marker. */
  readonly notAProgram?: string;
  /** The path given by a `<!-- file: … -->` marker. */
  readonly file?: string;
}

const FENCE = /^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)?.*$/;
const MARKER = /^<!--\s*(not-a-program|file):\s*(.+?)\s*-->$/;

function markerBefore(lines: readonly string[], fence: number): Partial<CodeBlock> {
  for (let i = fence - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const match = MARKER.exec(line);
    if (match === null) return {};
    return match[1] === 'file' ? { file: match[2]! } : { notAProgram: match[2]! };
  }
  return {};
}

/** Every fenced code block of `markdown`, in order (CommonMark fences: ``` or ~~~, 3 or more). */
export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (open === null) continue;
    const [, indent, fence, info = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    const closes = (line: string): boolean =>
      line.trim().startsWith(fence!) &&
      line.trim().replace(/[`~]/g, '') === '' &&
      line.trim().length >= fence!.length;
    for (; j < lines.length && !closes(lines[j]!); j++)
      body.push(lines[j]!.slice(Math.min(indent!.length, lines[j]!.search(/\S|$/))));
    blocks.push({
      line: i + 1,
      language: info.toLowerCase(),
      code: `${body.join('\n')}\n`,
      ...markerBefore(lines, i),
    });
    i = j;
  }
  return blocks;
}
