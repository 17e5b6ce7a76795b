// The naming rule of public options, checked on source text: a duration ends in `Ms` and a base
// URL is spelled `baseURL`. TypeScript 7 ships no compiler API to walk, so this reads the
// declarations line by line; it looks only at exported interfaces and type aliases whose name
// ends in Options, Config, Policy or Settings, which is how every public option type is named.

/** One member that breaks the rule. */
export interface OptionNameViolation {
  /** `packages/pool/src/pool-options.ts` */
  readonly file: string;
  /** `PoolOptions.idleTimeout` */
  readonly member: string;
  /** Why: `a duration that does not end in Ms` or `baseUrl is spelled baseURL` */
  readonly reason: string;
}

const OPTION_TYPE = /^export\s+(?:interface|type)\s+(\w*(?:Options|Config|Policy|Settings))\b/;
const MEMBER = /^\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*:\s*(.+?);?\s*$/;
/** Member names that are durations whatever their comment says. */
const DURATION_NAME =
  /(?:timeout|ttl|delay|interval|grace|duration|deadline|backoff|period|latency|after|age|wait|sleep|linger|seconds|secs|minutes|hours)$/i;
/** A JSDoc that says the number is a span of time. */
const DURATION_DOC =
  /\b(?:in (?:ms|milliseconds|seconds)|milliseconds|\d+\s?ms\b|ms\b(?! per)|time to live|how long)/i;
/** Names that mention time but count something else, or are instants and rates, not durations. */
const NOT_DURATION =
  /(?:Ms|At|Count|Size|Bytes|Tokens|Calls|Requests|Rate|Per\w*|Percent|Ratio|Factor|Multiplier|Steps?|Samples?)$/;

/** Lines of a block comment immediately above line `i`, joined. */
function docAbove(lines: readonly string[], i: number): string {
  const doc: string[] = [];
  for (let j = i - 1; j >= 0; j--) {
    const line = lines[j]!.trim();
    if (!(line.startsWith('*') || line.startsWith('/**') || line.endsWith('*/'))) break;
    doc.unshift(line);
    if (line.startsWith('/**')) break;
  }
  return doc.join(' ');
}

/** Whether a member of type `type`, named `name`, documented by `doc`, is a duration. */
export function isDuration(name: string, type: string, doc: string): boolean {
  // A function member (`now: () => number`) returns a time and an object member is checked member by member: neither is a duration.
  if (!/\bnumber\b/.test(type) || /^(?:\(.*\)\s*=>|\{)/.test(type) || NOT_DURATION.test(name))
    return false;
  // A comment such as `@default 60000 (1 min)` on a name like `every` is still a duration; a
  // plain count (`max`, `limit`) documented without a unit is not.
  return DURATION_NAME.test(name) || DURATION_DOC.test(doc.replace(/\{@link[^}]*\}/g, ''));
}

/** The violations in one source file's text. */
export function optionNameViolations(file: string, text: string): OptionNameViolation[] {
  const lines = text.split('\n');
  const found: OptionNameViolation[] = [];
  let owner: string | undefined;
  let depth = 0;
  const nested: { name: string; depth: number }[] = [];
  for (const [i, line] of lines.entries()) {
    const start = OPTION_TYPE.exec(line);
    if (owner === undefined && start !== undefined && start !== null) {
      owner = start[1]!;
      depth = 0;
    }
    if (owner !== undefined) {
      const member = MEMBER.exec(line);
      const path = [owner, ...nested.map((n) => n.name)].join('.');
      if (member !== null && depth >= 1) check(found, file, path, member, docAbove(lines, i));
      const opened = count(line, '{') - count(line, '}');
      // A member whose object type spans lines: its members are named `Owner.member.inner`.
      if (member !== null && depth >= 1 && opened > 0) nested.push({ name: member[1]!, depth });
      depth += opened;
      while (nested.length > 0 && depth <= nested.at(-1)!.depth) nested.pop();
      if (depth <= 0 && line.includes('}')) owner = undefined;
    }
  }
  return found;
}

function check(
  found: OptionNameViolation[],
  file: string,
  owner: string,
  [, name, type]: RegExpExecArray,
  doc: string,
): void {
  const member = `${owner}.${name!}`;
  const inline = /^\{(.*)\}/.exec(type!.trim());
  if (inline !== null) {
    // A one-line object type (`backoff?: { readonly base?: number }`): its members, judged by
    // the comment of the member that holds them (`first wait and cap, in ms`).
    for (const part of inline[1]!.split(';')) {
      const inner = MEMBER.exec(`${part.trim()};`);
      if (inner !== null) check(found, file, member, inner, doc);
    }
    return;
  }
  if (/^base_?ur[li]$/i.test(name!) && name !== 'baseURL')
    found.push({ file, member, reason: `${name} is spelled baseURL` });
  else if (!name!.endsWith('Ms') && isDuration(name!, type!, doc))
    found.push({ file, member, reason: 'a duration that does not end in Ms' });
}

function count(line: string, char: string): number {
  return line.split(char).length - 1;
}
