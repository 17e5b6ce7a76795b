// Finds the diagnostics channels the hotpath packages publish, by reading their source: the
// contract between the packages (which own the names) and @hotpath/profiler (whose defaults must
// name exactly those channels, but which may not import the packages that sit beside it).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One `channel(…)` or `tracingChannel(…)` call of a package's source. */
export interface ChannelCall {
  /** Path relative to the repository root, and the 1-based line of the call. */
  readonly file: string;
  readonly line: number;
  /** The argument as written. */
  readonly argument: string;
  /** The channel name, when the argument is a string literal or a `*_CHANNELS.key` constant. */
  readonly name: string | undefined;
}

/** What {@link scanPublishedChannels} found. */
export interface ChannelScan {
  /** Every `hotpath:*` channel some package creates, with the calls that create it. */
  readonly published: ReadonlyMap<string, readonly ChannelCall[]>;
  /** Calls whose argument could not be resolved to a name: the contract cannot vouch for them. */
  readonly unresolved: readonly ChannelCall[];
}

/** Where a `/` starts a regular expression rather than a division (enough for our sources). */
const BEFORE_REGEX = new Set([
  '',
  '(',
  ',',
  '=',
  ':',
  '[',
  '!',
  '&',
  '|',
  '?',
  '{',
  '}',
  ';',
  '+',
  '-',
]);

/** The index just past a literal (string, template or regex) that starts at `i`. */
function skipLiteral(source: string, i: number, quote: string): number {
  let inClass = false;
  for (let j = i + 1; j < source.length; j++) {
    const c = source[j]!;
    if (c === '\\') j++;
    else if (quote === '/' && c === '[') inClass = true;
    else if (quote === '/' && c === ']') inClass = false;
    else if (c === quote && !inClass) return j + 1;
    else if (c === '\n' && quote !== '`') return j;
  }
  return source.length;
}

/** Source text with comments blanked out (literals kept), so line numbers stay the same. */
export function stripComments(source: string): string {
  let out = '';
  let last = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    let end = i + 1;
    if (c === '/' && (next === '/' || next === '*')) {
      end = next === '/' ? source.indexOf('\n', i) : source.indexOf('*/', i + 2) + 2;
      if (end < i + 2) end = source.length;
      out += source.slice(i, end).replace(/[^\n]/g, ' ');
      i = end;
      continue;
    }
    if (c === "'" || c === '"' || c === '`' || (c === '/' && BEFORE_REGEX.has(last))) {
      end = skipLiteral(source, i, c);
    }
    out += source.slice(i, end);
    if (!/\s/.test(c)) last = source[end - 1]!;
    i = end;
  }
  return out;
}

/** `NAME.key` → channel name, from `export const NAME… = { key: 'hotpath:…', … }` objects. */
export function channelConstants(source: string): Map<string, string> {
  const constants = new Map<string, string>();
  const objects = /export const ([A-Z][A-Z0-9_]*)\b[^=]*=\s*\{([^}]*)\}/g;
  for (const [, name, body] of source.matchAll(objects)) {
    for (const [, key, value] of body!.matchAll(/(\w+)\s*:\s*['"](hotpath:[^'"]+)['"]/g)) {
      constants.set(`${name}.${key}`, value!);
    }
  }
  return constants;
}

/** The `channel(…)`/`tracingChannel(…)` calls of one file, resolved against `constants`. */
export function channelCalls(
  file: string,
  source: string,
  constants: ReadonlyMap<string, string>,
): ChannelCall[] {
  const code = stripComments(source);
  const calls: ChannelCall[] = [];
  for (const match of code.matchAll(/\b(?:channel|tracingChannel)\(\s*([^()]*?)\s*\)/g)) {
    const argument = match[1]!;
    const literal = /^(['"])([^'"]*)\1$/.exec(argument)?.[2];
    const name = literal ?? constants.get(argument);
    const line = code.slice(0, match.index).split('\n').length;
    calls.push({ file, line, argument, name });
  }
  return calls;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))
    .map((path) => join(directory, path));
}

function packageSources(root: string): string[][] {
  const packages: string[][] = [];
  for (const group of ['packages', 'plugins']) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const src = join(root, group, entry.name, 'src');
      try {
        packages.push(sourceFiles(src));
      } catch {
        // A package without sources publishes nothing.
      }
    }
  }
  return packages;
}

function scanPackage(root: string, files: readonly string[], found: ChannelCall[]): void {
  const sources = files.map((file) => [file, readFileSync(file, 'utf8')] as const);
  const constants = new Map<string, string>();
  for (const [, source] of sources) {
    for (const entry of channelConstants(stripComments(source))) constants.set(...entry);
  }
  for (const [file, source] of sources) {
    if (!source.includes('node:diagnostics_channel')) continue;
    found.push(...channelCalls(relative(root, file), source, constants));
  }
}

/**
 * Reads `packages/*\/src` and `plugins/*\/src` under `root` and returns every `hotpath:*`
 * channel a `channel(…)` or `tracingChannel(…)` call creates, in a file that imports
 * `node:diagnostics_channel`. An argument counts when it is a string literal or a constant
 * `NAME.key` of an exported `NAME` object in the same package; any other argument is reported
 * as unresolved.
 */
export function scanPublishedChannels(root: string): ChannelScan {
  const calls: ChannelCall[] = [];
  for (const files of packageSources(root)) scanPackage(root, files, calls);
  const published = new Map<string, ChannelCall[]>();
  const unresolved: ChannelCall[] = [];
  for (const call of calls) {
    if (call.name === undefined) unresolved.push(call);
    else if (call.name.startsWith('hotpath:')) {
      published.set(call.name, [...(published.get(call.name) ?? []), call]);
    }
  }
  return { published, unresolved };
}
