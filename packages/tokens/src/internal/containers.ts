// Blockquotes and list items that start at the top level: where each one's lines are and what
// its content is once the container's marker or indentation is taken off (as CommonMark does),
// so that compress() can treat that content as a document of its own. A container's lines run
// until the first line that does not carry its marker or indentation; a lazy continuation line
// ends the run and is then seen as top-level text, which is what it is when it is not a
// paragraph continuation (fenced code and HTML blocks never continue lazily). Tabs in a
// container's marker or indentation are not interpreted: such a container is left alone. So is
// one whose content starts a line with a tab in its indentation: a tab's width depends on the
// column it stands at, which taking the container's prefix off would change (a tab at column 3
// is one column wide, at column 0 four), and with it where nested blocks end.

/** A container's lines `[start, end)`, the columns its marker or indentation takes on each line. */
export interface Container {
  readonly start: number;
  readonly end: number;
  /** Code units of each line taken by the container (the rest is its content). */
  readonly prefixes: readonly number[];
}

const ITEM = /^([-+*]|\d{1,9}[.)])( *)(\S?)/;
const THEMATIC_BREAK = /^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/;
const BLANK = /^[ \t]*$/;
/** Content whose indentation holds a tab (see the file's header). */
const TAB_INDENT = /^ *\t/;

/** True when a tab in the indentation of some line's content would change width once unprefixed. */
function shiftsTabs(lines: readonly string[], start: number, prefixes: readonly number[]): boolean {
  return prefixes.some((prefix, k) => TAB_INDENT.test(lines[start + k]!.slice(prefix)));
}

/** A blockquote line indented by 1–3 spaces: its quote may go on in `>` lines at column 0. */
const INDENTED_QUOTE = /^ {1,3}>/;

/**
 * The blockquote starting at `start` (a line beginning with `>`), or `undefined`. Right after a
 * quote line indented by 1–3 spaces, the `>` lines continue that quote (whose content may be an
 * open fence), so they are no quote of their own.
 */
export function quoteAt(lines: readonly string[], start: number): Container | undefined {
  if (start > 0 && INDENTED_QUOTE.test(lines[start - 1]!)) return undefined;
  const prefixes: number[] = [];
  let end = start;
  while (end < lines.length && lines[end]!.startsWith('>')) {
    const next = lines[end]![1];
    if (next === '\t') return undefined;
    prefixes.push(next === ' ' ? 2 : 1);
    end++;
  }
  if (end === start || shiftsTabs(lines, start, prefixes)) return undefined;
  return { start, end, prefixes };
}

/**
 * The list item starting at `start` (a line beginning with its marker), or `undefined`. After
 * a non-blank line an item counts only where CommonMark lets a list interrupt a paragraph
 * (a bullet or `1.`/`1)`, not empty): elsewhere the line may be a paragraph's continuation.
 */
export function itemAt(lines: readonly string[], start: number): Container | undefined {
  const first = lines[start]!;
  const match = ITEM.exec(first);
  if (!match || THEMATIC_BREAK.test(first) || first.slice(match[1]!.length).startsWith('\t')) {
    return undefined;
  }
  const [, marker, spaces, rest] = match;
  if (spaces!.length === 0 && rest !== '') return undefined;
  const interrupts = rest !== '' && (/^[-+*]$/.test(marker!) || /^1[.)]$/.test(marker!));
  if (start > 0 && !BLANK.test(lines[start - 1]!) && !interrupts) return undefined;
  // 1–4 spaces before content: it starts after them; more (indented code) or none: after one.
  const width = marker!.length + (rest !== '' && spaces!.length <= 4 ? spaces!.length : 1);
  const prefixes = [Math.min(width, first.length)];
  let end = start + 1;
  while (end < lines.length) {
    const line = lines[end]!;
    const blank = BLANK.test(line);
    if (!blank && !line.startsWith(' '.repeat(width))) break;
    if (blank && line.includes('\t')) return undefined;
    prefixes.push(Math.min(width, line.length));
    end++;
  }
  while (end > start + 1 && /^ *$/.test(lines[end - 1]!)) end--;
  const kept = prefixes.slice(0, end - start);
  return shiftsTabs(lines, start, kept) ? undefined : { start, end, prefixes: kept };
}
