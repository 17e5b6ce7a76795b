import type { ParseArgsOptionsConfig } from 'node:util';

/** The part of a stream the CLI writes to (`process.stdout`, `process.stderr`, or a test's capture). */
export interface OutputStream {
  write(text: string): unknown;
  /** When true, progress is redrawn in place; otherwise it is written as plain lines. */
  readonly isTTY?: boolean | undefined;
  /** Terminal width, used to keep redrawn lines on one row. */
  readonly columns?: number | undefined;
}

/** Where a command reads and writes: the process's streams in `bin`, captures in tests. */
export interface CliIo {
  /** Results: tables, JSON, URLs. */
  readonly stdout: OutputStream;
  /** Progress, warnings and errors. */
  readonly stderr: OutputStream;
  /** Environment variables (`HOTPATH_BASE_URL` …). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Folder relative paths are resolved against. @default process.cwd() */
  readonly cwd?: string;
  /** Stops the command: `sim` closes its server and resolves, `demo` and `bench` abort their runs. */
  readonly signal?: AbortSignal;
}

/** Flag values as `node:util` `parseArgs` returns them. */
export type FlagValues = { readonly [flag: string]: string | boolean | undefined };

/** What a command's `run` receives after its flags were parsed. */
export interface CommandInput {
  readonly values: FlagValues;
  readonly positionals: readonly string[];
  /** The raw arguments after the command name (what `passThrough` commands read). */
  readonly argv: readonly string[];
}

/**
 * One `hotpath <name>` command. The table in `commands/index.ts` lists them; adding a command
 * is one file exporting a `Command` and one line in that table.
 */
export interface Command {
  readonly name: string;
  /** One line for `hotpath --help`. */
  readonly summary: string;
  /** The full text of `hotpath <name> --help`. */
  readonly help: string;
  /** Its flags, in `parseArgs` form; `--help`/`-h` is added for every command. */
  readonly options: ParseArgsOptionsConfig;
  /** Whether positional arguments are accepted. @default false */
  readonly allowPositionals?: boolean;
  /**
   * The command parses its own arguments (for example `bench`, which hands them to
   * `hotpath-bench`): flags are not checked and `--help` is not intercepted. @default false
   */
  readonly passThrough?: boolean;
  /** Runs the command and resolves to the process exit code. */
  run(input: CommandInput, io: CliIo): Promise<number>;
}
