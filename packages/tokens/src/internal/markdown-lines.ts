// Which lines of a text compress() may touch, decided the way a CommonMark parser would place
// them, but conservatively: a line is only ever rewritten when it is paragraph text at the top
// level. A line that starts with white space, `>` or a list marker belongs (or may belong)
// to a container or an indented code block, so it is never touched as it is; that covers code
// nested at any depth, because a line inside a blockquote or a list item always starts with its
// container's marker or indentation (fenced code and HTML blocks never continue lazily).
//
// What is left are blocks that can hold unindented lines: fenced code and HTML blocks. When it
// is unclear where one starts or ends (a fence indented by 1–3 spaces may sit in a list item,
// and then ends with the item, at the first line indented less than the item's content), every
// reading is followed at once, and a line counts as text only if it is text in all of them. HTML blocks of types 6
// and 7 are over-approximated, and fences and HTML blocks of types 1–5 are recognised inside them. Each of these choices
// can only keep more lines as they are.

/** How a line is classified. */
export type LineKind = 'text' | 'blank' | 'verbatim';

const FENCE_OPEN = /^( {0,3})(`{3,}(?!.*`)|~{3,})/;
const HTML_UNTIL: readonly (readonly [RegExp, RegExp])[] = [
  [/^( {0,3})<(?:pre|script|style|textarea)(?:[\s>]|$)/i, /<\/(?:pre|script|style|textarea)>/i],
  [/^( {0,3})<!--/, /-->/],
  [/^( {0,3})<\?/, /\?>/],
  [/^( {0,3})<![A-Za-z]/, />/],
  [/^( {0,3})<!\[CDATA\[/, /\]\]>/],
];
// Types 6 and 7 (block tags, and any complete tag alone on its line) end at a blank line; any
// tag-like start is taken for one, which at worst keeps a paragraph as it is.
const HTML_TO_BLANK = /^( {0,3})<\/?[A-Za-z]/;
const CONTAINED = /^(?:[ \t]|>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/;

/** True for a line of nothing but spaces and tabs (and a stray `\f`, `\v`). */
export function isBlank(line: string): boolean {
  return /^[ \t\f\v]*$/.test(line);
}

/** True when `line` may be a container's line or an indented code line. */
export function isContained(line: string): boolean {
  return CONTAINED.test(line);
}

interface Block {
  readonly kind: 'fence' | 'html';
  /** What ends it: a closing line, a line containing a marker, or a blank line. */
  readonly until: RegExp | 'blank';
  /** Opened with 1–3 spaces: maybe inside a list item, ending with it. */
  readonly nested: boolean;
  /** Columns of indentation it was opened with. */
  readonly indent: number;
}

/** The readings still open: `undefined` is the top level. */
type State = Block | undefined;

function fenceClose(marker: string): RegExp {
  const char = marker[0] === '`' ? '`' : '~';
  return new RegExp(`^ {0,3}${char}{${marker.length},}[ \\t]*$`);
}

/** The blocks `line` may open at the top level (one reading each), or none. */
function openings(line: string): Block[] {
  const fence = FENCE_OPEN.exec(line);
  if (fence) return readings('fence', fenceClose(fence[2]!), fence[1]!);
  for (const [start, until] of HTML_UNTIL) {
    const match = start.exec(line);
    // The end marker closes the block on its first line only after the start marker.
    if (match)
      return until.test(line.slice(match[0].length)) ? [] : readings('html', until, match[1]!);
  }
  const tag = HTML_TO_BLANK.exec(line);
  return tag ? readings('html', 'blank', tag[1]!) : [];
}

function readings(kind: Block['kind'], until: Block['until'], indent: string): Block[] {
  const top: Block = { kind, until, nested: false, indent: indent.length };
  return indent.length === 0 ? [top] : [top, { ...top, nested: true }];
}

/** Columns of leading white space (a tab advances to the next multiple of 4). */
function indentation(line: string): number {
  let columns = 0;
  for (const char of line) {
    if (char === ' ') columns++;
    else if (char === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return columns;
}

type Step = { verbatim: boolean; next: State[] };

function both(a: Step, b: Step): Step {
  return { verbatim: a.verbatim || b.verbatim, next: [...a.next, ...b.next] };
}

/** Whether `line` is verbatim and the states that follow, for one reading. */
function step(state: State, line: string): Step {
  if (state === undefined) {
    const opened = openings(line);
    // An HTML block of types 1–5 may also open and close on this one line.
    const html = opened.length > 0 || HTML_UNTIL.some(([start]) => start.test(line));
    return { verbatim: html, next: opened.length > 0 ? opened : [undefined] };
  }
  if (state.nested && !isBlank(line)) {
    // A nested block ends with its list item, at a line indented less than the item's content,
    // which is indented by 1 to `indent` columns: below that, both readings go on.
    const columns = indentation(line);
    if (columns === 0) return step(undefined, line);
    if (columns < state.indent) return both(step(undefined, line), inside(state, line));
  }
  return inside(state, line);
}

function inside(state: Block, line: string): Step {
  if (state.until === 'blank') {
    if (isBlank(line)) return { verbatim: false, next: [undefined] };
    // The line may instead be the start of a fence or of an HTML block of types 1–5 that
    // interrupts a paragraph: a type 7 start cannot interrupt one, so what was taken for an
    // HTML block may have been paragraph text all along.
    const inner = openings(line).filter((block) => block.until !== 'blank');
    return { verbatim: true, next: [state, ...inner] };
  }
  return { verbatim: true, next: [state.until.test(line) ? undefined : state] };
}

function key(state: State): string {
  return state === undefined ? '' : `${state.kind}:${state.until}:${state.nested}:${state.indent}`;
}

/** Classifies every line (lines as CommonMark splits them, at `\r\n`, `\r` and `\n`). */
export function classifyLines(lines: readonly string[]): LineKind[] {
  const kinds: LineKind[] = [];
  let states: State[] = [undefined];
  for (const line of lines) {
    let verbatim = false;
    const next = new Map<string, State>();
    for (const state of states) {
      const result = step(state, line);
      verbatim ||= result.verbatim;
      for (const s of result.next) next.set(key(s), s);
    }
    kinds.push(verbatim ? 'verbatim' : isBlank(line) ? 'blank' : 'text');
    states = [...next.values()];
  }
  return kinds;
}
