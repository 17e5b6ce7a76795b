import { channel } from 'node:diagnostics_channel';
import { EXECUTOR_CHANNELS } from './channels.ts';
import { BatcherClosedError, BatchResultError } from './errors.ts';
import { raceSignal } from './internal/abort.ts';
import { Batch } from './internal/batch.ts';
import { BATCHER_OPTIONS } from './internal/option-keys.ts';
import {
  checkConcurrency,
  checkFunction,
  checkKeys,
  checkObject,
  checkPositive,
  checkSignal,
  checkTimerMs,
} from './internal/validate.ts';

const batchChannel = channel(EXECUTOR_CHANNELS.batch);

/**
 * Loads many keys at once. Must resolve to one value per key, in key order; an `Error`
 * in the array rejects only that key's `load()`. Throwing rejects every key of the batch.
 */
export type BatchLoadFn<K, V> = (
  keys: readonly K[],
) => PromiseLike<ArrayLike<V | Error>> | ArrayLike<V | Error>;

/** Options of {@link createBatcher}. */
export interface BatcherOptions<K, C = K> {
  /**
   * A batch is dispatched as soon as it holds this many distinct keys.
   * @default Infinity
   */
  readonly maxBatchSize?: number;
  /**
   * How long the first key of a batch waits for others, in ms. `0` dispatches at the end of
   * the current tick (after the promise jobs queued by the current code), like DataLoader.
   * @default 0
   */
  readonly maxWaitMs?: number;
  /**
   * How many `loadMany` calls may run at once; further batches wait their turn.
   * @default Infinity
   */
  readonly maxConcurrentBatches?: number;
  /**
   * Maps a key to the value identical keys share (compared with `Map` semantics), for
   * example `(req) => req.id` for object keys. Keys with the same result are loaded once per batch.
   * @default the key itself
   */
  readonly key?: (key: K) => C;
}

/** Options of {@link Batcher.load}. */
export interface LoadOptions {
  /** Stops waiting (rejecting with `signal.reason`); the key is still loaded for other callers. */
  readonly signal?: AbortSignal;
}

/** What {@link createBatcher} returns. */
export interface Batcher<K, V> {
  /** Queues `key` for the next batch and resolves with its value (or rejects with its error). */
  load(key: K, options?: LoadOptions): Promise<V>;
  /** Loads several keys; resolves with one value or `Error` per key, never rejects for a single key. */
  loadMany(keys: Iterable<K>, options?: LoadOptions): Promise<(V | Error)[]>;
  /** Dispatches the batch being collected now, without waiting for `maxWaitMs`. */
  flush(): void;
  /** `loadMany` calls running now. */
  readonly activeBatches: number;
  /** Refuses new keys, dispatches the collected batch and resolves when every batch has settled. */
  close(): Promise<void>;
  /** Same as {@link Batcher.close}. */
  [Symbol.asyncDispose](): Promise<void>;
}

class BatcherImpl<K, V, C> implements Batcher<K, V> {
  #loadMany: BatchLoadFn<K, V>;
  #maxBatchSize: number;
  #maxWaitMs: number;
  #maxConcurrent: number;
  #keyOf: ((key: K) => C) | undefined;
  #batch: Batch<K, V, C> | undefined;
  #waiting: Batch<K, V, C>[] = [];
  #running = 0;
  #closed = false;
  #idle: (() => void)[] = [];
  #tick: Promise<void> = Promise.resolve();

  constructor(loadMany: BatchLoadFn<K, V>, options: BatcherOptions<K, C>) {
    this.#loadMany = loadMany;
    this.#maxBatchSize = options.maxBatchSize ?? Infinity;
    this.#maxWaitMs = options.maxWaitMs ?? 0;
    this.#maxConcurrent = options.maxConcurrentBatches ?? Infinity;
    this.#keyOf = options.key;
  }

  get activeBatches(): number {
    return this.#running;
  }

  load(key: K, options?: LoadOptions): Promise<V> {
    const signal = options?.signal;
    if (signal !== undefined) checkSignal('options.signal', signal);
    if (this.#closed) return Promise.reject(new BatcherClosedError());
    const batch = this.#batch ?? this.#open();
    const promise = batch.add(
      key,
      this.#keyOf === undefined ? (key as unknown as C) : this.#keyOf(key),
    );
    if (batch.size >= this.#maxBatchSize) this.#seal(batch);
    return signal === undefined ? promise : raceSignal(promise, signal);
  }

  async loadMany(keys: Iterable<K>, options?: LoadOptions): Promise<(V | Error)[]> {
    const loads = Array.from(keys, (key) => this.load(key, options).catch(asError));
    return Promise.all(loads);
  }

  flush(): void {
    if (this.#batch) this.#dispatch(this.#batch);
  }

  close(): Promise<void> {
    this.#closed = true;
    this.flush();
    if (this.#running === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #open(): Batch<K, V, C> {
    const batch = new Batch<K, V, C>(this.#keyOf !== undefined);
    this.#batch = batch;
    const dispatch = (): void => this.#dispatch(batch);
    if (this.#maxWaitMs > 0) batch.timer = setTimeout(dispatch, this.#maxWaitMs);
    // DataLoader's trick: after the current promise jobs, then at the next nextTick turn.
    else void this.#tick.then(() => process.nextTick(dispatch));
    return batch;
  }

  // A full batch leaves at once, but loadMany is not called from inside load().
  #seal(batch: Batch<K, V, C>): void {
    this.#batch = undefined;
    queueMicrotask(() => this.#dispatch(batch));
  }

  #dispatch(batch: Batch<K, V, C>): void {
    if (batch.dispatched) return;
    batch.dispatched = true;
    if (this.#batch === batch) this.#batch = undefined;
    if (batch.timer !== undefined) clearTimeout(batch.timer);
    if (this.#running >= this.#maxConcurrent) this.#waiting.push(batch);
    else void this.#execute(batch);
  }

  async #execute(batch: Batch<K, V, C>): Promise<void> {
    this.#running++;
    if (batchChannel.hasSubscribers) batchChannel.publish({ size: batch.size });
    try {
      batch.settle(checkResults(await this.#loadMany(batch.keys), batch.size));
    } catch (error) {
      batch.fail(error);
    }
    // Callers see their keys settle before activeBatches drops and close() resolves.
    await batch.settled();
    this.#running--;
    this.#next();
  }

  #next(): void {
    const batch = this.#waiting.shift();
    if (batch) void this.#execute(batch);
    else if (this.#running === 0) for (const resolve of this.#idle.splice(0)) resolve();
  }
}

function checkResults<V>(values: ArrayLike<V | Error>, expected: number): ArrayLike<V | Error> {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new BatchResultError(`loadMany resolved to ${values === null ? 'null' : typeof values}`);
  }
  if (values.length !== expected) {
    throw new BatchResultError(`loadMany returned ${values.length} results for ${expected} keys`);
  }
  return values;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error), { cause: error });
}

/**
 * Creates a DataLoader-style micro-batcher: `load(key)` calls made close together are
 * collected and sent to `loadMany` as one batch; identical keys in a batch are loaded once.
 * Nothing is cached across batches (use `@hotpath/cache` for that).
 *
 * @example
 * ```ts
 * const embeddings = createBatcher((texts: readonly string[]) => embedMany(texts), { maxBatchSize: 64 });
 * const [a, b] = await Promise.all([embeddings.load('hello'), embeddings.load('world')]); // one call
 * ```
 */
export function createBatcher<K, V, C = K>(
  loadMany: BatchLoadFn<K, V>,
  options: BatcherOptions<K, C> = {},
): Batcher<K, V> {
  checkFunction('loadMany', loadMany);
  checkObject('options', options);
  checkKeys('options', options, BATCHER_OPTIONS);
  checkConcurrency('options.maxBatchSize', options.maxBatchSize ?? Infinity);
  checkTimerMs('options.maxWaitMs', options.maxWaitMs);
  checkConcurrency('options.maxConcurrentBatches', options.maxConcurrentBatches ?? Infinity);
  if (options.key !== undefined) checkFunction('options.key', options.key);
  checkPositive('options.maxWaitMs', options.maxWaitMs === 0 ? undefined : options.maxWaitMs);
  return new BatcherImpl(loadMany, options);
}
