import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { HotpathError } from '@hotpath/protocol';
import type { CliIo, Command, CommandInput } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { CliArgumentError, CliUsageError } from './errors.ts';

/** The text of `hotpath --help`, listing every command of `commands`. */
export function mainHelp(commands: readonly Command[] = COMMANDS): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    'Usage: hotpath <command> [flags]',
    '',
    'Make applications that call large language models fast and cheap.',
    '',
    'Commands:',
    ...lines,
    '',
    'Run "hotpath <command> --help" for the flags of one command, "hotpath --version" for the version.',
  ].join('\n');
}

/** The version of `@hotpath/cli`, read from its package.json (next to `src/` and `dist/`). */
export function cliVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

function parseInput(command: Command, argv: readonly string[]): CommandInput | 'help' {
  if (command.passThrough === true) return { values: {}, positionals: [], argv };
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals === true,
      strict: true,
    });
    if (values.help === true) return 'help';
    return { values, positionals, argv };
  } catch (error) {
    // parseArgs reports unknown flags and missing values as TypeErrors with ERR_PARSE_ARGS_* codes.
    const message = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
    throw new CliUsageError(message + renamedFlagHint(command, error), command.name, {
      cause: error,
    });
  }
}

/**
 * For an unknown duration flag whose `-ms` spelling exists (`--ttft` → `--ttft-ms`), the hint
 * naming it: durations are in milliseconds and say so, in flags as in options.
 */
function renamedFlagHint(command: Command, error: unknown): string {
  if ((error as { code?: unknown })?.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return '';
  const flag = /'--([\w-]+)'/.exec((error as Error).message)?.[1];
  const renamed = `${flag}-ms`;
  if (flag === undefined || command.options[renamed] === undefined) return '';
  return `; durations are in milliseconds and end in -ms: use --${renamed}`;
}

function describe(error: unknown): string {
  if (error instanceof HotpathError || (error instanceof TypeError && 'code' in error)) {
    const { code } = error as { code: unknown };
    return `hotpath: ${error.message} (${String(code)})${causes(error)}`;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `hotpath: unexpected error: ${text}`;
}

/**
 * The chain of `cause`s under a typed error, one line each: a message that says "fix the syntax
 * error" or "could not listen" is only useful with the parser's or the system's own words.
 * Usage errors are left alone (their cause is the flag parser restating the message).
 */
function causes(error: Error): string {
  if (error instanceof CliUsageError) return '';
  let text = '';
  let cause = error.cause;
  for (let depth = 0; cause !== undefined && depth < 4; depth++) {
    const message = cause instanceof Error ? cause.message : String(cause);
    // Some messages already quote their cause's (the demo's first-call failure does).
    if (!error.message.includes(message))
      text += `\n  cause: ${message.split('\n').join('\n    ')}`;
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return text;
}

function findCommand(commands: readonly Command[], name: string): Command {
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    const known = commands.map((candidate) => candidate.name).join(', ');
    throw new CliUsageError(`unknown command "${name}" (commands: ${known})`);
  }
  return command;
}

async function dispatch(
  argv: readonly string[],
  io: CliIo,
  commands: readonly Command[],
): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(`hotpath: no command given.\n\n${mainHelp(commands)}\n`);
    return 2;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${cliVersion()}\n`);
    return 0;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(`${mainHelp(commands)}\n`);
    return 0;
  }
  if (first.startsWith('-')) throw new CliUsageError(`unknown flag "${first}" before the command`);
  const command = findCommand(commands, first);
  const input = parseInput(command, rest);
  if (input === 'help') {
    io.stdout.write(`${command.help}\n`);
    return 0;
  }
  return command.run(input, io);
}

/**
 * The `hotpath` command, callable in-process: parses `argv` (without the node and script
 * paths), runs the command, and resolves to the exit code: 0 done, 1 the command failed,
 * 2 a usage error (unknown command or flag, bad flag value or `HOTPATH_*` variable; the
 * message goes to stderr),
 * 130 stopped by `io.signal` (Ctrl-C in the `bin`).
 *
 * @param commands - the command table. @default COMMANDS
 * @example
 * ```ts
 * process.exitCode = await runCli(['demo', '--files', '5'], { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  try {
    return await dispatch(argv, io, commands);
  } catch (error) {
    if (io.signal?.aborted === true) {
      io.stderr.write('hotpath: stopped\n');
      return 130;
    }
    io.stderr.write(`${describe(error)}\n`);
    return error instanceof CliUsageError || error instanceof CliArgumentError ? 2 : 1;
  }
}
