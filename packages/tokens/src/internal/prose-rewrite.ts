// Rewrites the prose lines of a document in place (the number of lines never changes): runs
// of spaces and tabs inside a line collapse to one space, trailing white space goes. Content
// of blockquotes and list items is rewritten as a document of its own, by the same rules, so
// code nested in them at any depth is found and kept as it is.
import { type Container, itemAt, quoteAt } from './containers.ts';
import { classifyLines } from './markdown-lines.ts';
import { type Block, splitBlocks } from './prose-blocks.ts';

const INLINE_CODE = /(`+)[\s\S]*?\1/g;
/** A top-level `key:` line: the document may be YAML, whose sequences must not be touched. */
const YAML_KEY = /^[\w.$-]+:(\s|$)/;

/** Collapses runs of spaces and tabs inside a prose line, except inside `inline code` spans. */
export function compressLine(line: string): string {
  let out = '';
  let last = 0;
  for (const match of line.matchAll(INLINE_CODE)) {
    out += line.slice(last, match.index).replace(/[ \t]{2,}/g, ' ') + match[0];
    last = match.index + match[0].length;
  }
  return (out + line.slice(last).replace(/[ \t]{2,}/g, ' ')).replace(/[ \t\f\v]+$/, '');
}

/** The document's blocks and its lines rewritten; containers are entered unless it looks like YAML. */
export function rewriteDocument(lines: readonly string[]): { blocks: Block[]; lines: string[] } {
  const kinds = classifyLines(lines);
  const blocks = splitBlocks(lines, kinds);
  const yaml = lines.some((line, i) => kinds[i] === 'text' && YAML_KEY.test(line));
  const out = [...lines];
  for (const block of blocks) rewriteBlock(lines, kinds, block, out, !yaml);
  return { blocks, lines: out };
}

function rewriteBlock(
  lines: readonly string[],
  kinds: readonly string[],
  block: Block,
  out: string[],
  containers: boolean,
): void {
  if (block.blank) return;
  if (!block.verbatim) {
    for (let i = block.start; i < block.end; i++) out[i] = compressLine(lines[i]!);
    return;
  }
  if (!block.containers || !containers) return;
  for (let i = block.start; i < block.end; ) {
    const quote = lines[i]!.startsWith('>');
    const container = quote ? quoteAt(lines, i) : itemAt(lines, i);
    if (!container) {
      // A quote left alone is left alone whole: a later line of it is no quote of its own.
      i = quote ? quoteRunEnd(lines, i) : i + 1;
      continue;
    }
    rewriteContainer(lines, kinds, container, out);
    i = container.end;
  }
}

/** The end of the run of `>` lines starting at `i`. */
function quoteRunEnd(lines: readonly string[], i: number): number {
  let end = i;
  while (end < lines.length && lines[end]!.startsWith('>')) end++;
  return end;
}

/** Rewrites a container's content as a document; lines the outer document keeps stay as they are. */
function rewriteContainer(
  lines: readonly string[],
  kinds: readonly string[],
  container: Container,
  out: string[],
): void {
  const { start, end, prefixes } = container;
  const inner = lines.slice(start, end).map((line, k) => line.slice(prefixes[k]));
  const innerKinds = classifyLines(inner);
  const innerBlocks = splitBlocks(inner, innerKinds);
  const rewritten = [...inner];
  for (const block of innerBlocks) rewriteBlock(inner, innerKinds, block, rewritten, true);
  for (let k = 0; k < inner.length; k++) {
    if (kinds[start + k] === 'verbatim' || rewritten[k] === inner[k]) continue;
    out[start + k] = lines[start + k]!.slice(0, prefixes[k]) + rewritten[k];
  }
}
