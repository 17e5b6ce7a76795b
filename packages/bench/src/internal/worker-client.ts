import { type ChildProcess, fork } from 'node:child_process';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MeasureProcessError } from '../errors.ts';
import { missingFlags } from './node-flags.ts';
import type { Side } from './side.ts';
import {
  reviveError,
  type ScenarioInfo,
  unexpectedReply,
  type WorkerReply,
  type WorkerRequest,
} from './worker-protocol.ts';

/** How a measuring process is started. */
export interface ProcessOptions {
  /** Folder the process runs in. */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Receives what the scenarios print (stdout and stderr of the process). */
  readonly output: (text: string) => void;
  /** Kills the process. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Seeds V8's string hashing and `Math.random` (`--hash-seed`, `--random-seed`). The two
   * processes of a pair get the same seed, so hash tables and random inputs are laid out
   * alike on both sides; each pair gets another, so results average over them.
   */
  readonly v8Seed?: number | undefined;
}

const OUTPUT_TAIL = 4000;
/** How long a released process may take to exit before it is killed (handles left open). */
const EXIT_GRACE_MS = 3000;

// The worker is a sibling module: worker.ts in the source tree, worker.js once built.
const WORKER = fileURLToPath(
  new URL(`./worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url),
);

interface Pending {
  readonly resolve: (reply: WorkerReply) => void;
  readonly reject: (error: Error) => void;
}

/**
 * A child process that loads one tree's scenario files and measures them on request
 * (see `worker.ts`): the same Node binary and flags as this process, plus the export
 * condition and type stripping where needed. Requests go one at a time.
 */
export class MeasuringProcess implements Side, AsyncDisposable {
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  readonly #signal: AbortSignal | undefined;
  #pending: Pending | undefined;
  #tail = '';
  #grace: NodeJS.Timeout | undefined;

  /** Starts the process; it waits for a `load` request. */
  constructor(options: ProcessOptions) {
    this.#signal = options.signal;
    this.#child = fork(WORKER, [], {
      cwd: options.cwd,
      env: options.env,
      execArgv: [
        ...process.execArgv,
        ...missingFlags(process.execArgv, options.env),
        ...(options.v8Seed === undefined
          ? []
          : [`--hash-seed=${options.v8Seed}`, `--random-seed=${options.v8Seed}`]),
      ],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const capture = (chunk: Buffer): void => {
      const text = chunk.toString();
      this.#tail = (this.#tail + text).slice(-OUTPUT_TAIL);
      options.output(text);
    };
    this.#child.stdout?.on('data', capture);
    this.#child.stderr?.on('data', capture);
    this.#child.on('message', (reply: WorkerReply) => this.#settle(reply));
    // Not 'close': it never comes once the parent has disconnected the IPC channel.
    const ended = [this.#child.stdout, this.#child.stderr].map(
      (stream) =>
        new Promise<void>((resolve) => (stream ? stream.once('close', resolve) : resolve())),
    );
    const exit = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
      this.#child.once('error', (error) => {
        this.#fail(
          new MeasureProcessError('it could not be started or signalled', { cause: error }),
        );
        resolve([null, null]);
      });
      this.#child.once('exit', (code, signal) => resolve([code, signal]));
    });
    this.#exited = Promise.all([exit, ...ended]).then(([[code, signal]]) => {
      clearTimeout(this.#grace);
      this.#fail(this.#exitProblem(code, signal));
    });
  }

  #settle(reply: WorkerReply): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (reply.type === 'failed') pending?.reject(reviveError(reply.error));
    else pending?.resolve(reply);
  }

  #fail(error: Error): void {
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.reject(error);
  }

  #exitProblem(code: number | null, signal: NodeJS.Signals | null): Error {
    const how = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
    const tail = this.#tail.trim() === '' ? '' : `; its last output:\n${this.#tail.trimEnd()}\n`;
    return new MeasureProcessError(`it ${how} in the middle of its work${tail}`);
  }

  async #request(request: WorkerRequest): Promise<WorkerReply> {
    this.#signal?.throwIfAborted();
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) {
      throw this.#exitProblem(this.#child.exitCode, this.#child.signalCode);
    }
    const abort = (): void => void this.#child.kill('SIGKILL');
    this.#signal?.addEventListener('abort', abort, { once: true });
    try {
      return await new Promise<WorkerReply>((resolve, reject) => {
        this.#pending = { resolve, reject };
        this.#child.send(request);
      });
    } catch (error) {
      this.#signal?.throwIfAborted();
      throw error;
    } finally {
      this.#signal?.removeEventListener('abort', abort);
    }
  }

  /** Imports the files (paths are absolute; `rel` names them in reports) and describes their scenarios. */
  async load(
    files: readonly { readonly rel: string; readonly path: string }[],
    settings: Omit<Extract<WorkerRequest, { type: 'load' }>, 'type' | 'files'>,
  ): Promise<readonly ScenarioInfo[]> {
    const reply = await this.#request({ type: 'load', files, ...settings });
    if (reply.type !== 'loaded') throw unexpectedReply(reply, 'loaded');
    return reply.scenarios;
  }

  /** Runs a scenario's setup in the process. */
  async setup(scenario: number): Promise<void> {
    await this.#request({ type: 'setup', scenario });
  }

  /** Runs a scenario's teardown in the process. */
  async teardown(scenario: number): Promise<void> {
    await this.#request({ type: 'teardown', scenario });
  }

  /** Measures one task in the process; resolves to its cost in ms per call. */
  async measure(scenario: number, task: string, warmup: boolean): Promise<number> {
    const reply = await this.#request({ type: 'measure', scenario, task, warmup });
    if (reply.type !== 'measured') throw unexpectedReply(reply, 'measured');
    return reply.cost;
  }

  /** Lets the process go and waits for it to exit; kills it if it has not after a grace period. */
  async close(): Promise<void> {
    if (this.#child.connected) this.#child.disconnect();
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      this.#grace = setTimeout(() => this.#child.kill('SIGKILL'), EXIT_GRACE_MS);
    }
    await this.#exited;
    clearTimeout(this.#grace);
  }

  /** Same as {@link MeasuringProcess.close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
