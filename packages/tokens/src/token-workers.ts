import { channel } from 'node:diagnostics_channel';
import { availableParallelism } from 'node:os';
import { type ChatMessage, MAX_TIMER_MS } from '@hotpath/protocol';
import type { Piscina } from 'piscina';
import { TOKENS_CHANNELS } from './channels.ts';
import { type CompressResult, compressText } from './compress.ts';
import { TokensArgumentError, TokenWorkerCrashedError, TokenWorkersClosedError } from './errors.ts';
import { BpeEngine } from './internal/bpe.ts';
import { knownCounts, messageTexts, offloadable } from './internal/counted-texts.ts';
import { digest } from './internal/digest.ts';
import { Dispatcher } from './internal/dispatcher.ts';
import { checkOptionKeys, TOKEN_WORKERS_OPTIONS } from './internal/option-keys.ts';
import { splitSafely } from './internal/safe-split.ts';
import { exportTables } from './internal/shared-tables.ts';
import { SharedTexts } from './internal/shared-texts.ts';
import { assertString, assertTokenIds, nonNegative, positiveInteger } from './internal/validate.ts';
import type { WorkerReply, WorkerTask } from './internal/worker-protocol.ts';
import type {
  HashOptions,
  TokenWorkerStats,
  TokenWorkers,
  TokenWorkersOptions,
  WorkerCallOptions,
} from './token-workers-api.ts';
import {
  type ChatCountOptions,
  resolveTokenizerSetup,
  type Tokenizer,
  type TokenizerSetup,
  tokenizerWith,
} from './tokenizer.ts';
import { type TruncateOptions, type TruncateResult, truncate } from './truncate.ts';
import { DEFAULT_HASH_INLINE_THRESHOLD, DEFAULT_INLINE_THRESHOLD } from './worker-defaults.ts';

const crashChannel = channel(TOKENS_CHANNELS.workerCrash);
const taskChannel = channel(TOKENS_CHANNELS.task);
const EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

class PiscinaTokenWorkers implements TokenWorkers {
  readonly tokenizer: Tokenizer;
  readonly #setup: TokenizerSetup;
  readonly #engine: BpeEngine;
  // piscina is imported when the first pool is created, not when this package is imported.
  readonly #pool: Promise<Piscina<WorkerTask, WorkerReply>>;
  #started: Piscina<WorkerTask, WorkerReply> | undefined;
  readonly #dispatcher: Dispatcher;
  readonly #shared: SharedTexts;
  readonly #threads: number;
  readonly #inlineBelow: number;
  readonly #hashInlineBelow: number;
  readonly #batchChars: number;
  #inline = 0;
  #closed = false;

  constructor(options: TokenWorkersOptions, filename: URL) {
    checkOptionKeys(options, TOKEN_WORKERS_OPTIONS);
    this.#setup = resolveTokenizerSetup(options);
    this.#threads = positiveInteger(options.threads ?? availableParallelism(), 'options.threads');
    const idle = nonNegative(options.idleTimeoutMs ?? 60_000, 'options.idleTimeoutMs');
    this.#inlineBelow = nonNegative(
      options.inlineThreshold ?? DEFAULT_INLINE_THRESHOLD,
      'options.inlineThreshold',
    );
    this.#hashInlineBelow = nonNegative(
      options.hashInlineThreshold ?? DEFAULT_HASH_INLINE_THRESHOLD,
      'options.hashInlineThreshold',
    );
    this.#batchChars = positiveInteger(options.batchChars ?? 131_072, 'options.batchChars');
    this.#engine = new BpeEngine(this.#setup.encoding);
    this.tokenizer = tokenizerWith(this.#setup, this.#engine);
    this.#pool = this.#startPool(filename, idle);
    // A failed start rejects every call; observed here so it is never an unhandled rejection.
    this.#pool.catch(() => {});
    this.#dispatcher = new Dispatcher(
      (task) => this.#runTask(task),
      (cause) => this.#failure(cause),
      this.#batchChars,
    );
    this.#shared = new SharedTexts(
      (task) => this.#runTask(task),
      (cause) => this.#failure(cause),
      this.#dispatcher.counters,
      this.#threads,
    );
  }

  async #startPool(filename: URL, idle: number): Promise<Piscina<WorkerTask, WorkerReply>> {
    const { Piscina } = await import('piscina');
    this.#started = new Piscina<WorkerTask, WorkerReply>({
      filename: filename.href,
      maxThreads: this.#threads,
      minThreads: idle === Number.POSITIVE_INFINITY ? this.#threads : 0,
      idleTimeout: Math.min(idle, MAX_TIMER_MS),
      // The threads read this thread's tables (shared memory) instead of building their own.
      workerData: { warm: [this.#setup.encoding], tables: exportTables([this.#setup.encoding]) },
    });
    return this.#started;
  }

  async #runTask(task: WorkerTask, transferList?: ArrayBuffer[]): Promise<WorkerReply> {
    if (taskChannel.hasSubscribers) taskChannel.publish({ kind: task.kind });
    const pool = this.#started ?? (await this.#pool);
    return pool.run(task, transferList ? { transferList } : {});
  }

  #failure(cause: unknown): Error {
    if (this.#closed) return new TokenWorkersClosedError();
    this.#dispatcher.counters.crashed++;
    if (crashChannel.hasSubscribers) crashChannel.publish({ error: cause });
    return new TokenWorkerCrashedError({ cause });
  }

  #check(signal: AbortSignal | undefined): void {
    if (this.#closed) throw new TokenWorkersClosedError();
    signal?.throwIfAborted();
  }

  #offload(size: number): boolean {
    if (size < this.#inlineBelow || !this.tokenizer.exact) {
      this.#inline++;
      return false;
    }
    return true;
  }

  /** Sum of the counts of `text`, or `false` once it exceeds `limit`. */
  async #count(text: string, limit?: number, signal?: AbortSignal): Promise<number | false> {
    const { encoding } = this.#setup;
    if (text.length >= this.#batchChars) return this.#shared.count(encoding, text, limit, signal);
    const counts = await this.#dispatcher.submit('count', encoding, [text], limit, signal);
    return counts === false ? false : (counts as number[]).reduce((sum, n) => sum + n, 0);
  }

  async count(text: string, options: WorkerCallOptions = {}): Promise<number> {
    assertString(text, 'text');
    this.#check(options.signal);
    if (!this.#offload(text.length)) return this.tokenizer.count(text);
    return (await this.#count(text, undefined, options.signal)) as number;
  }

  async isWithinLimit(
    text: string,
    limit: number,
    options: WorkerCallOptions = {},
  ): Promise<number | false> {
    assertString(text, 'text');
    nonNegative(limit, 'limit');
    this.#check(options.signal);
    if (!this.#offload(text.length)) return this.tokenizer.isWithinLimit(text, limit);
    return this.#count(text, limit, options.signal);
  }

  async encode(text: string, { signal }: WorkerCallOptions = {}): Promise<Uint32Array> {
    assertString(text, 'text');
    this.#check(signal);
    if (!this.#offload(text.length)) return this.tokenizer.encode(text);
    const { encoding } = this.#setup;
    if (text.length >= this.#batchChars) return this.#shared.encode(encoding, text, signal);
    const parts = await this.#dispatcher.submit('encode', encoding, [text], undefined, signal);
    return (parts as Uint32Array[])[0]!;
  }

  async decode(tokens: ArrayLike<number>, options: WorkerCallOptions = {}): Promise<string> {
    this.#check(options.signal);
    assertTokenIds(tokens);
    if (!this.#offload(tokens.length * 4)) return this.tokenizer.decode(tokens);
    const copy = Uint32Array.from(tokens);
    const task: WorkerTask = { kind: 'decode', encoding: this.#setup.encoding, tokens: copy };
    const reply = await this.#direct(task, options.signal, [copy.buffer]);
    if (typeof reply === 'string') return reply;
    throw new TokensArgumentError('tokens', `ids of ${this.#setup.encoding}`);
  }

  async hash(data: string | Uint8Array, options: HashOptions = {}): Promise<string> {
    const { algorithm = 'sha256', signal } = options;
    if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
      throw new TokensArgumentError('data', 'a string or a Uint8Array');
    }
    if (!['sha256', 'xxhash64', 'xxhash128'].includes(algorithm)) {
      throw new TokensArgumentError('options.algorithm', "'sha256', 'xxhash64' or 'xxhash128'");
    }
    this.#check(signal);
    const size = typeof data === 'string' ? data.length : data.byteLength;
    if (size < this.#hashInlineBelow) {
      this.#inline++;
      return digest(algorithm, data);
    }
    return (await this.#direct({ kind: 'hash', algorithm, data }, signal)) as string;
  }

  #direct(
    task: WorkerTask,
    signal: AbortSignal | undefined,
    transfer?: ArrayBuffer[],
  ): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => reject(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#dispatcher.counters.tasks++;
      this.#runTask(task, transfer)
        .then(resolve, (cause) => reject(this.#failure(cause)))
        .finally(() => signal?.removeEventListener('abort', onAbort));
    });
  }

  async #counted(texts: readonly string[], signal: AbortSignal | undefined): Promise<Tokenizer> {
    this.#check(signal);
    const offload = offloadable(texts, 1_024);
    if (!this.#offload(offload.reduce((n, text) => n + text.length, 0))) return this.tokenizer;
    const pieces = offload.map((text) => splitSafely(text, this.#batchChars));
    const { encoding } = this.#setup;
    const reply = await this.#dispatcher.submit(
      'count',
      encoding,
      pieces.flat(),
      undefined,
      signal,
    );
    const counts = reply as number[];
    const known = new Map<string, number>();
    let next = 0;
    for (const [i, text] of offload.entries()) {
      const end = next + pieces[i]!.length;
      known.set(
        text,
        counts.slice(next, end).reduce((a, b) => a + b, 0),
      );
      next = end;
    }
    return tokenizerWith(this.#setup, knownCounts(this.#engine, known));
  }

  async countChat(
    messages: readonly ChatMessage[],
    options: ChatCountOptions & WorkerCallOptions = {},
  ): Promise<number> {
    const tokenizer = await this.#counted(messageTexts(messages), options.signal);
    return tokenizer.countChat(messages, options);
  }

  async truncate(
    messages: readonly ChatMessage[],
    budget: number,
    options: Omit<TruncateOptions, 'tokenizer' | 'model'> & WorkerCallOptions = {},
  ): Promise<TruncateResult> {
    const tokenizer = await this.#counted(messageTexts(messages), options.signal);
    return truncate(messages, budget, { ...options, tokenizer });
  }

  async compress(text: string, options: WorkerCallOptions = {}): Promise<CompressResult> {
    assertString(text, 'text');
    const out = compressText(text);
    const tokenizer = await this.#counted([text, out], options.signal);
    const tokensBefore = tokenizer.count(text);
    const tokensAfter = tokenizer.count(out);
    return { text: out, tokensBefore, tokensAfter, saved: tokensBefore - tokensAfter };
  }

  async warm(): Promise<void> {
    this.#check(undefined);
    const task: WorkerTask = { kind: 'warm', encodings: [this.#setup.encoding] };
    await Promise.all(Array.from({ length: this.#threads }, () => this.#direct(task, undefined)));
  }

  stats(): TokenWorkerStats {
    const threadIds = this.#started?.threads.map((thread) => thread.threadId) ?? [];
    return {
      threads: threadIds.length,
      threadIds,
      inline: this.#inline,
      ...this.#dispatcher.counters,
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const pool = await this.#pool.catch(() => undefined);
    await pool?.destroy();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/** @internal Creates a pool running the worker module at `filename` (tests use a crashing wrapper). */
export function createTokenWorkersWith(options: TokenWorkersOptions, filename: URL): TokenWorkers {
  return new PiscinaTokenWorkers(options, filename);
}

/**
 * Creates a piscina pool whose threads each keep a warm tokenizer. Every method mirrors the
 * inline API but is async; inputs below the inline thresholds never leave the calling thread.
 *
 * @example
 * ```ts
 * const workers = createTokenWorkers({ model: 'gpt-4o', threads: 2 }); // workers.close() when done
 * const tokens = await workers.count(hugePrompt, { signal: AbortSignal.timeout(5_000) });
 * const key = await workers.hash(requestBody, { algorithm: 'xxhash128' });
 * ```
 */
export function createTokenWorkers(options: TokenWorkersOptions = {}): TokenWorkers {
  return new PiscinaTokenWorkers(
    options,
    new URL(`./internal/token-worker${EXTENSION}`, import.meta.url),
  );
}
