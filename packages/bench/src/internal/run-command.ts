import { spawn } from 'node:child_process';

/** How a command ended: its exit code (or signal) and what it printed, stdout and stderr interleaved. */
export interface CommandResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly output: string;
}

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Run `command` through the shell (a user's `--install` command line). */
  readonly shell?: boolean;
}

const MAX_OUTPUT = 256 * 1024;

/**
 * Runs a command to completion and collects its output (the last 256 kB). Never
 * rejects for a non-zero exit: the caller decides what a failure means. Rejects when
 * the program cannot be started, or with the signal's reason on abort (the command is
 * killed).
 */
export function runCommand(
  command: readonly string[],
  options: RunCommandOptions,
): Promise<CommandResult> {
  const [program, ...args] = command;
  return new Promise((resolve, reject) => {
    const child = spawn(program!, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: options.shell ?? false,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-MAX_OUTPUT);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (error) => {
      reject(options.signal?.aborted ? options.signal.reason : error);
    });
    child.once('close', (code, signal) => {
      if (options.signal?.aborted) reject(options.signal.reason);
      else resolve({ code, signal, output });
    });
  });
}

/** The last `lines` lines of a command's output, indented, for an error message. */
export function outputTail(output: string, lines = 40): string {
  const tail = output.trimEnd().split('\n').slice(-lines);
  return tail.length === 1 && tail[0] === ''
    ? '  (no output)'
    : tail.map((l) => `  ${l}`).join('\n');
}
