import { ConnectionResetError, StreamAbortedError } from '../errors.ts';
import { isBytes, notBytes } from './check-options.ts';
import type { Meter } from './meter.ts';

/** Turns decoded text into items, appending them to `out`. */
export interface ChunkHandler<T> {
  /** Parses the next piece of text. May throw a typed stream error. */
  push(text: string, out: T[]): void;
  /** The body ended: flushes the last items, or throws when the stream is incomplete. */
  end(out: T[]): void;
  /** Output tokens so far, for metrics. */
  readonly tokens: number;
  /** True once the format's end marker arrived: nothing after it can change the answer. */
  readonly complete?: boolean;
  /** Bytes still read (and discarded) after the end marker before the body is cancelled. */
  readonly drainLimit?: number;
}

/** What every decoder accepts besides the body. */
export interface BodyOptions {
  readonly signal?: AbortSignal | undefined;
  readonly upstream?: { abort(reason?: unknown): void } | undefined;
}

const OPEN = 0;
const DONE = 1;
const FAILED = 2;
const STREAM = { stream: true } as const;

function noop(): void {}

/**
 * Pull-based decoder over an async iterable of bytes. Each body chunk is decoded once
 * (a streaming `TextDecoder`, so UTF-8 split across chunks is safe and a leading BOM is
 * dropped) and parsed into a reused queue; `next()` then serves the queue without
 * waiting. Stopping early, an error or `abort()` cancel the body and the upstream.
 */
export class DecodedStream<T> implements AsyncIterableIterator<T> {
  readonly #body: AsyncIterable<Uint8Array>;
  readonly #handler: ChunkHandler<T>;
  readonly #meter: Meter | undefined;
  readonly #upstream: BodyOptions['upstream'];
  readonly #signal: AbortSignal | undefined;
  // The BOM is dropped by hand: Node's streaming TextDecoder drops a second BOM too when
  // the first one arrives split across chunks.
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  #bomChecked = false;
  readonly #onSignal = (): void => this.abort(this.#signal?.reason);
  #it: AsyncIterator<Uint8Array> | undefined;
  #queue: T[] = [];
  #index = 0;
  #state = OPEN;
  #error: unknown;
  #rejectRead: ((reason: unknown) => void) | undefined;
  #filling: Promise<boolean> | undefined;

  /**
   * @param body - the response body
   * @param handler - the format's parser
   * @param options - signal and upstream controller
   * @param meter - timing, for delta streams
   */
  constructor(
    body: AsyncIterable<Uint8Array>,
    handler: ChunkHandler<T>,
    options: BodyOptions,
    meter?: Meter,
  ) {
    this.#body = body;
    this.#handler = handler;
    this.#meter = meter;
    this.#upstream = options.upstream;
    this.#signal = options.signal;
    if (this.#signal?.aborted) this.abort(this.#signal.reason);
    else this.#signal?.addEventListener('abort', this.#onSignal, { once: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** An item that is already decoded, or `undefined` when `next()` would have to wait. */
  readBuffered(): T | undefined {
    return this.#index < this.#queue.length ? this.#queue[this.#index++] : undefined;
  }

  async next(): Promise<IteratorResult<T, undefined>> {
    // A loop, not one check: when next() is called again before the last call settled, the
    // callers share one read and the item it brought goes to the first of them only.
    while (this.#index >= this.#queue.length) {
      if (!(await this.#more())) return { value: undefined, done: true };
    }
    return { value: this.#queue[this.#index++]!, done: false };
  }

  /**
   * Resolves true once `readBuffered()` has an item, false at the end; rejects (once)
   * with the stream's error.
   */
  wait(): Promise<boolean> {
    return this.#index < this.#queue.length ? Promise.resolve(true) : this.#more();
  }

  /**
   * One fill at a time: a caller arriving while a read is in flight waits for that read
   * instead of starting a second one that would reset the queue under the first.
   */
  #more(): Promise<boolean> {
    if (this.#filling !== undefined) return this.#filling;
    const filling = this.#fill();
    // An open stream's fill is waiting on a read, and clears #filling when it settles; a fill
    // that settled at once (the stream was over) is not kept.
    if (this.#state === OPEN) this.#filling = filling;
    return filling;
  }

  /**
   * Reads until the queue has an item (true) or the stream is over (false); throws (once) the
   * stream's error. The read is inlined so `next()` and `wait()` wait one hop less.
   */
  async #fill(): Promise<boolean> {
    try {
      for (;;) {
        if (this.#state !== OPEN) {
          this.#settled();
          return false;
        }
        this.#reset();
        let result: IteratorResult<Uint8Array>;
        try {
          result = await this.#read();
        } catch (error) {
          this.#readFailed(error);
          continue;
        }
        this.#consume(result);
        if (this.#index < this.#queue.length) return true;
      }
    } finally {
      this.#filling = undefined;
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  async return(): Promise<IteratorResult<T, undefined>> {
    this.#finishEarly(undefined);
    this.#queue.length = 0;
    this.#index = 0;
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<T, undefined>> {
    this.#finishEarly(error);
    return { value: undefined, done: true };
  }

  /** Stops the stream now: a pending `next()` rejects with `reason`, the upstream is aborted. */
  abort(reason?: unknown): void {
    if (this.#state !== OPEN) return;
    const error = reason ?? new StreamAbortedError();
    const rejectRead = this.#rejectRead;
    this.#queue.length = 0;
    this.#index = 0;
    this.#stop(FAILED, error, true, true);
    rejectRead?.(error);
  }

  /**
   * The consumer stopped (`return()` / `throw()`): the stream ends quietly and a `next()`
   * still waiting on the body settles as done now, not when (or if) the body answers.
   */
  #finishEarly(error: unknown): void {
    if (this.#state !== OPEN) return;
    const rejectRead = this.#rejectRead;
    this.#stop(DONE, error, true);
    rejectRead?.(error ?? new StreamAbortedError());
  }

  /** True once the stream ended, failed or was stopped. */
  get closed(): boolean {
    return this.#state !== OPEN;
  }

  /** The stream is over: throws its error the first time, after that it has simply ended. */
  #settled(): void {
    if (this.#state === FAILED) {
      const error = this.#error;
      this.#state = DONE;
      this.#error = undefined;
      throw error;
    }
  }

  #reset(): void {
    if (this.#index > 0) {
      this.#queue.length = 0;
      this.#index = 0;
    }
  }

  #readFailed(error: unknown): void {
    if (this.#state !== OPEN) return;
    // A connection that fails after the end marker lost nothing: the answer is complete.
    if (this.#handler.complete === true) this.#stop(DONE, undefined, false);
    else this.#stop(FAILED, new ConnectionResetError({ cause: error }), true);
  }

  #consume(result: IteratorResult<Uint8Array>): void {
    if (this.#state !== OPEN) return;
    try {
      if (result.done) {
        this.#end();
        return;
      }
      if (!isBytes(result.value)) throw notBytes(result.value);
      this.#handler.push(this.#text(this.#decoder.decode(result.value, STREAM)), this.#queue);
      this.#meter?.chunk(this.#handler.tokens);
      if (this.#handler.complete === true) this.#endAtMarker();
    } catch (error) {
      this.#stop(FAILED, error, true);
    }
  }

  #text(text: string): string {
    if (this.#bomChecked || text === '') return text;
    this.#bomChecked = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  /**
   * The end marker arrived, so the answer is complete: the stream ends now, not when the body
   * does (a server may hold the connection open after the marker, and the consumer would wait
   * for nothing). The rest of the body is still read and discarded, so the connection can be
   * reused; a body that sends more than `drainLimit` bytes after the marker is cancelled.
   */
  #endAtMarker(): void {
    this.#stop(DONE, undefined, false);
    const it = this.#it;
    if (it !== undefined) void this.#drain(it, this.#handler.drainLimit ?? 0);
  }

  async #drain(it: AsyncIterator<Uint8Array>, limit: number): Promise<void> {
    let left = limit;
    try {
      for (;;) {
        const result = await it.next();
        if (result.done) return;
        left -= (result.value as { byteLength?: number } | undefined)?.byteLength ?? 1;
        if (left < 0) break;
      }
    } catch {
      return; // A failure after the marker loses nothing.
    }
    this.#upstream?.abort(new StreamAbortedError());
    Promise.resolve(it.return?.()).catch(noop);
  }

  #read(): Promise<IteratorResult<Uint8Array>> {
    this.#it ??= this.#body[Symbol.asyncIterator]();
    const pending = this.#it.next();
    return new Promise((resolve, reject) => {
      this.#rejectRead = reject;
      pending.then(resolve, reject);
    });
  }

  #end(): void {
    this.#handler.push(this.#text(this.#decoder.decode()), this.#queue);
    this.#handler.end(this.#queue);
    this.#stop(DONE, undefined, false);
  }

  /** `aborted`: stopped from outside (abort, return, a limit), not by a fault of the stream. */
  #stop(state: number, error: unknown, cancel: boolean, aborted = state === DONE && cancel): void {
    this.#state = state;
    this.#error = state === FAILED ? error : undefined;
    this.#rejectRead = undefined;
    this.#signal?.removeEventListener('abort', this.#onSignal);
    this.#meter?.end(
      this.#handler.tokens,
      aborted,
      state === FAILED && !aborted ? error : undefined,
    );
    if (!cancel) return;
    this.#upstream?.abort(error ?? new StreamAbortedError());
    const it = this.#it;
    if (it?.return) Promise.resolve(it.return()).catch(noop);
  }
}
