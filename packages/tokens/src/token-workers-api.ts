import type { ChatMessage } from '@hotpath/protocol';
import type { CompressResult } from './compress.ts';
import type { HashAlgorithm } from './internal/worker-protocol.ts';
import type { ChatCountOptions, Tokenizer, TokenizerOptions } from './tokenizer.ts';
import type { TruncateOptions, TruncateResult } from './truncate.ts';

/** Options for {@link createTokenWorkers}; the tokenizer options pick the encoding. */
export interface TokenWorkersOptions extends TokenizerOptions {
  /** Worker threads. @default os.availableParallelism() */
  readonly threads?: number;
  /**
   * Milliseconds an idle thread lives before it exits (and its warm tokenizer with it).
   * `Infinity` keeps every thread alive until {@link TokenWorkers.close}.
   * @default 60000
   */
  readonly idleTimeoutMs?: number;
  /** Texts below this many characters are tokenized inline. @default DEFAULT_INLINE_THRESHOLD */
  readonly inlineThreshold?: number;
  /** Payloads below this size are hashed inline. @default DEFAULT_HASH_INLINE_THRESHOLD (8 MiB) */
  readonly hashInlineThreshold?: number;
  /**
   * Texts of at least this many characters are shared by all threads, which take turns
   * claiming 16 KB slices of them; shorter texts and small calls made in the same tick are
   * batched into round trips of up to this many characters.
   * @default 131072
   */
  readonly batchChars?: number;
}

/** Per-call options of the pool. */
export interface WorkerCallOptions {
  /** Cancels the call: it rejects with the signal's reason and the thread skips the rest of the work. */
  readonly signal?: AbortSignal;
}

/** Options for {@link TokenWorkers.hash}. */
export interface HashOptions extends WorkerCallOptions {
  /** `sha256` for keys that must resist collisions on purpose; xxHash for speed. @default 'sha256' */
  readonly algorithm?: HashAlgorithm;
}

/** Counters of a pool, for tests and dashboards. */
export interface TokenWorkerStats {
  /** Live worker threads. */
  readonly threads: number;
  /** Their thread ids. */
  readonly threadIds: readonly number[];
  /** Calls answered on the calling thread (below the inline thresholds). */
  readonly inline: number;
  /** Round trips to a worker. */
  readonly tasks: number;
  /** Text pieces tokenized on workers (for a shared long text: the 16 KB slices claimed). */
  readonly pieces: number;
  /** Round trips that carried more than one piece. */
  readonly batched: number;
  /** Pieces or slices the workers skipped because the caller aborted or no longer needed them. */
  readonly cancelled: number;
  /** Tasks that failed because their thread died. */
  readonly crashed: number;
}

/** The inline tokenizer API, async, with heavy inputs on worker threads. */
export interface TokenWorkers extends AsyncDisposable {
  /** The inline tokenizer the pool uses below its thresholds. */
  readonly tokenizer: Tokenizer;
  count(text: string, options?: WorkerCallOptions): Promise<number>;
  /** Token ids, transferred from the worker (not copied). */
  encode(text: string, options?: WorkerCallOptions): Promise<Uint32Array>;
  decode(tokens: ArrayLike<number>, options?: WorkerCallOptions): Promise<string>;
  /** Like {@link Tokenizer.isWithinLimit}; pieces still running stop once the limit is passed. */
  isWithinLimit(text: string, limit: number, options?: WorkerCallOptions): Promise<number | false>;
  countChat(
    messages: readonly ChatMessage[],
    options?: ChatCountOptions & WorkerCallOptions,
  ): Promise<number>;
  truncate(
    messages: readonly ChatMessage[],
    budget: number,
    options?: Omit<TruncateOptions, 'tokenizer' | 'model'> & WorkerCallOptions,
  ): Promise<TruncateResult>;
  compress(text: string, options?: WorkerCallOptions): Promise<CompressResult>;
  /** Hex digest of `data` (strings as UTF-8). */
  hash(data: string | Uint8Array, options?: HashOptions): Promise<string>;
  /** Starts every thread and loads the tokenizer in each, so the first real call finds them warm. */
  warm(): Promise<void>;
  stats(): TokenWorkerStats;
  /** Stops the threads; pending calls reject with {@link TokenWorkersClosedError}. */
  close(): Promise<void>;
}
