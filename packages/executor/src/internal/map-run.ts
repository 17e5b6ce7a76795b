import { TimeoutError } from '../errors.ts';
import type { Mapper, TaskContext } from '../map.ts';
import { forwardAbort, noop } from './abort.ts';
import { isPromiseLike } from './validate.ts';

/** Settings of one `map()` call, already validated. */
export interface MapSettings {
  readonly concurrency: number;
  readonly stopOnError: boolean;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

/**
 * One `map()` call: `concurrency` worker loops pull items from the source, call the mapper
 * and write into one results array. A worker holds at most one item, so at most
 * `concurrency` items are ever pulled but not finished. No promise is created per task
 * unless the mapper returns one (or a timeout needs a timer), and no AbortController
 * exists unless someone reads `context.signal` or a timeout is set.
 */
export class MapRun<T, R> {
  readonly results: unknown[];
  readonly context: TaskContext;
  readonly promise: Promise<unknown>;
  #fn: Mapper<T, R>;
  #settings: MapSettings;
  #array: readonly T[] | undefined;
  #iterator: Iterator<T> | undefined;
  #asyncIterator: AsyncIterator<T> | undefined;
  #pullChain: Promise<unknown> = Promise.resolve();
  #length = 0;
  #next = 0;
  #workers = 0;
  #spawned = 0;
  #done = false;
  #stopped = false;
  #stopReason: unknown;
  #settled = false;
  #errors: Map<number, unknown> | undefined;
  #controller: AbortController | undefined;
  #resolve!: (value: unknown) => void;
  #reject!: (reason: unknown) => void;
  #onAbort: (() => void) | undefined;

  constructor(input: Iterable<T> | AsyncIterable<T>, fn: Mapper<T, R>, settings: MapSettings) {
    this.#fn = fn;
    this.#settings = settings;
    this.promise = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    const run = this;
    this.context = {
      get signal(): AbortSignal {
        return run.#signal();
      },
    };
    if (Array.isArray(input)) {
      this.#array = input;
      this.#length = input.length;
      this.results = new Array(input.length);
    } else {
      this.results = [];
      if (Symbol.iterator in input) this.#iterator = input[Symbol.iterator]();
      else this.#asyncIterator = input[Symbol.asyncIterator]();
    }
  }

  /** Starts the workers and returns the promise of the whole call. */
  start(): Promise<unknown> {
    const signal = this.#settings.signal;
    if (signal?.aborted) {
      this.#stop(signal.reason);
      return this.promise;
    }
    if (signal) {
      this.#onAbort = () => this.#stop(signal.reason);
      signal.addEventListener('abort', this.#onAbort, { once: true });
    }
    if (this.#asyncIterator) this.#spawn();
    else this.#spawnSync();
    if (this.#workers === 0) this.#finish();
    return this.promise;
  }

  #spawnSync(): void {
    const limit = this.#settings.concurrency;
    const array = this.#array !== undefined;
    while (this.#spawned < limit && !this.#done && !this.#stopped) {
      if (array && this.#next >= this.#length) break;
      this.#spawn();
    }
  }

  #spawn(): void {
    this.#workers++;
    this.#spawned++;
    if (this.#array) void this.#workArray();
    else if (this.#iterator) void this.#workIterator();
    else void this.#workAsync();
  }

  async #workArray(): Promise<void> {
    const array = this.#array!;
    const length = this.#length;
    const fn = this.#fn;
    const context = this.context;
    const results = this.results;
    const timed = this.#settings.timeoutMs > 0;
    for (let i = this.#next++; i < length && !this.#stopped; i = this.#next++) {
      try {
        let value: unknown = timed ? this.#timed(array[i]!, i) : fn(array[i]!, i, context);
        if (isPromiseLike(value)) value = await value;
        results[i] = value;
      } catch (error) {
        this.#failTask(i, error);
      }
    }
    this.#exit();
  }

  async #workIterator(): Promise<void> {
    const iterator = this.#iterator!;
    const timed = this.#settings.timeoutMs > 0;
    while (!this.#stopped && !this.#done) {
      let step: IteratorResult<T>;
      try {
        step = iterator.next();
      } catch (error) {
        this.#stop(error);
        break;
      }
      if (step.done) {
        this.#done = true;
        break;
      }
      const i = this.#next++;
      try {
        let value: unknown = timed
          ? this.#timed(step.value, i)
          : this.#fn(step.value, i, this.context);
        if (isPromiseLike(value)) value = await value;
        this.results[i] = value;
      } catch (error) {
        this.#failTask(i, error);
      }
    }
    this.#exit();
  }

  async #workAsync(): Promise<void> {
    const timed = this.#settings.timeoutMs > 0;
    while (!this.#stopped && !this.#done) {
      let step: IteratorResult<T>;
      try {
        step = await this.#pullAsync();
      } catch (error) {
        this.#stop(error);
        break;
      }
      if (step.done || this.#stopped) {
        if (step.done) this.#done = true;
        break;
      }
      const i = this.#next++;
      if (this.#spawned < this.#settings.concurrency) this.#spawn();
      try {
        const value = timed ? this.#timed(step.value, i) : this.#fn(step.value, i, this.context);
        this.results[i] = isPromiseLike(value) ? await value : value;
      } catch (error) {
        this.#failTask(i, error);
      }
    }
    this.#exit();
  }

  // Async iterators need not support overlapping next() calls, so pulls are chained.
  #pullAsync(): Promise<IteratorResult<T>> {
    const iterator = this.#asyncIterator!;
    const step = this.#pullChain.then(() => (this.#done ? doneStep : iterator.next()));
    this.#pullChain = step.then(noop, noop);
    return step as Promise<IteratorResult<T>>;
  }

  async #timed(item: T, index: number): Promise<unknown> {
    const ms = this.#settings.timeoutMs;
    const controller = new AbortController();
    const unlink = forwardAbort(this.#signal(), controller);
    const expired = Promise.withResolvers<never>();
    const timer = setTimeout(() => {
      const error = new TimeoutError(ms);
      controller.abort(error);
      expired.reject(error);
    }, ms);
    try {
      return await Promise.race([
        this.#fn(item, index, { signal: controller.signal }),
        expired.promise,
      ]);
    } finally {
      clearTimeout(timer);
      unlink();
    }
  }

  #signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#stopped) this.#controller.abort(this.#stopReason);
    }
    return this.#controller.signal;
  }

  #failTask(index: number, error: unknown): void {
    if (this.#settings.stopOnError) {
      this.#stop(error);
      return;
    }
    this.#errors ??= new Map();
    this.#errors.set(index, error);
  }

  #stop(reason: unknown): void {
    if (this.#settled) return;
    this.#stopped = true;
    this.#stopReason = reason;
    this.#settled = true;
    this.#cleanup();
    this.#controller?.abort(reason);
    this.#closeSource();
    this.#reject(reason);
  }

  #exit(): void {
    if (--this.#workers === 0) this.#finish();
  }

  #finish(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#cleanup();
    this.#resolve(this.#settings.stopOnError ? this.results : this.#settledResults());
  }

  #settledResults(): PromiseSettledResult<unknown>[] {
    const count = this.#array ? this.#length : this.#next;
    const settled = new Array<PromiseSettledResult<unknown>>(count);
    for (let i = 0; i < count; i++) {
      settled[i] = this.#errors?.has(i)
        ? { status: 'rejected', reason: this.#errors.get(i) }
        : { status: 'fulfilled', value: this.results[i] };
    }
    return settled;
  }

  #cleanup(): void {
    if (this.#onAbort) this.#settings.signal?.removeEventListener('abort', this.#onAbort);
  }

  #closeSource(): void {
    try {
      const closing = (this.#iterator ?? this.#asyncIterator)?.return?.();
      if (isPromiseLike(closing)) closing.then(noop, noop);
    } catch {
      // A source that cannot be closed (for example a generator that is running) is left as is.
    }
  }
}

const doneStep: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });
