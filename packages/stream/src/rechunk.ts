import type { StreamDelta } from '@hotpath/protocol';
import type { DeltaStream } from './delta-stream.ts';
import { StreamAbortedError, StreamArgumentError } from './errors.ts';
import { checkMs, DONE, Upstream } from './internal/upstream.ts';
import type { StreamMetrics } from './metrics.ts';

/** Options of {@link rechunk}. */
export interface RechunkOptions {
  /** Emit merged text once it has at least this many characters. @default 32 */
  readonly minChars?: number;
  /** Emit merged text at the latest this long after its first piece arrived. @default 50 */
  readonly maxDelayMs?: number;
}

interface Waiter {
  resolve(result: IteratorResult<StreamDelta>): void;
  reject(error: unknown): void;
}

type TextKind = 'text' | 'reasoning';

class Rechunk implements DeltaStream {
  readonly #up: Upstream;
  readonly #min: number;
  readonly #delay: number;
  #kind: TextKind = 'text';
  #text = '';
  #since = 0;
  #ready: StreamDelta[] = [];
  #ended = false;
  #error: unknown;
  #pending = false;
  #waiter: Waiter | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(up: Upstream, min: number, delay: number) {
    this.#up = up;
    this.#min = min;
    this.#delay = delay;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  readBuffered(): StreamDelta | undefined {
    if (this.#ready.length > 0) return this.#ready.shift();
    if (this.#ended) return undefined;
    for (;;) {
      const delta = this.#up.readBuffered();
      if (delta === undefined) return undefined;
      const out = this.#accept(delta);
      if (out !== undefined) return out;
    }
  }

  next(): Promise<IteratorResult<StreamDelta>> {
    const delta = this.readBuffered();
    if (delta !== undefined) return Promise.resolve({ value: delta, done: false });
    if (this.#error !== undefined) return this.#rejectOnce();
    if (this.#ended) return Promise.resolve(DONE);
    if (this.#text !== '' && performance.now() - this.#since >= this.#delay) {
      return Promise.resolve({ value: this.#flush(), done: false });
    }
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
      this.#pull();
    });
  }

  async return(): Promise<IteratorResult<StreamDelta>> {
    this.#close();
    this.#up.stop();
    return DONE;
  }

  abort(reason?: unknown): void {
    if (this.#ended) return;
    const error = reason ?? new StreamAbortedError();
    this.#close();
    this.#up.abort(error);
    this.#deliver(undefined, error);
  }

  metrics(): StreamMetrics | undefined {
    return this.#up.metrics();
  }

  /** Buffers text; returns what is ready to emit now, if anything. */
  #accept(delta: StreamDelta): StreamDelta | undefined {
    if (delta.type !== 'text' && delta.type !== 'reasoning') {
      if (this.#text === '') return delta;
      this.#ready.push(delta);
      return this.#flush();
    }
    if (this.#text !== '' && delta.type !== this.#kind) {
      const merged = this.#flush();
      this.#start(delta.type, delta.text);
      return merged;
    }
    if (this.#text !== '') {
      this.#text += delta.text;
      return this.#text.length >= this.#min ? this.#flush() : undefined;
    }
    if (delta.text.length >= this.#min) return delta;
    this.#start(delta.type, delta.text);
    return undefined;
  }

  #start(kind: TextKind, text: string): void {
    this.#kind = kind;
    this.#text = text;
    this.#since = performance.now();
  }

  #flush(): StreamDelta {
    const delta: StreamDelta = { type: this.#kind, text: this.#text };
    this.#text = '';
    clearTimeout(this.#timer);
    this.#timer = undefined;
    return delta;
  }

  #pull(): void {
    if (this.#text !== '' && this.#timer === undefined) this.#arm();
    if (this.#pending) return;
    this.#pending = true;
    this.#up.next().then(
      (result) => this.#onResult(result),
      (error) => this.#onError(error),
    );
  }

  #onResult(result: IteratorResult<StreamDelta>): void {
    this.#pending = false;
    if (this.#ended) return;
    if (result.done) {
      this.#onEnd();
      return;
    }
    const out = this.#accept(result.value) ?? this.readBuffered();
    if (out !== undefined) {
      this.#deliver({ value: out, done: false }, undefined);
      return;
    }
    if (this.#waiter !== undefined) this.#pull();
  }

  #onEnd(): void {
    this.#up.finished();
    const last = this.#text === '' ? undefined : this.#flush();
    this.#close();
    this.#deliver(last === undefined ? DONE : { value: last, done: false }, undefined);
  }

  #onError(error: unknown): void {
    this.#pending = false;
    if (this.#ended) return;
    this.#up.finished();
    const last = this.#text === '' ? undefined : this.#flush();
    this.#close();
    if (last !== undefined) {
      this.#error = error;
      this.#deliver({ value: last, done: false }, undefined);
      return;
    }
    this.#deliver(undefined, error);
  }

  #arm(): void {
    const wait = Math.max(0, this.#since + this.#delay - performance.now());
    this.#timer = setTimeout(() => this.#onTimer(), wait);
    this.#timer.unref();
  }

  #onTimer(): void {
    this.#timer = undefined;
    if (this.#text === '' || this.#waiter === undefined) return;
    this.#deliver({ value: this.#flush(), done: false }, undefined);
  }

  #deliver(result: IteratorResult<StreamDelta> | undefined, error: unknown): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    if (waiter === undefined) {
      if (result !== undefined && !result.done) this.#ready.push(result.value);
      else if (error !== undefined) this.#error = error;
      return;
    }
    if (result !== undefined) waiter.resolve(result);
    else waiter.reject(error);
  }

  #rejectOnce(): Promise<never> {
    const error = this.#error;
    this.#error = undefined;
    return Promise.reject(error);
  }

  #close(): void {
    this.#ended = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/**
 * Coalesces tiny text (and reasoning) deltas into pieces of at least `minChars`
 * characters, so a UI or socket gets fewer, larger writes. Buffered text is emitted when
 * it reaches `minChars`, when `maxDelayMs` passed since its first piece, before any
 * non-text delta (tool calls, usage, finish keep their order), and at the end.
 *
 * @param stream - any delta stream
 * @example
 * ```ts
 * for await (const d of rechunk(decodeOpenAI(body), { minChars: 64, maxDelayMs: 30 })) res.write(…);
 * ```
 */
export function rechunk(stream: AsyncIterable<StreamDelta>, options?: RechunkOptions): DeltaStream {
  const min = options?.minChars ?? 32;
  if (!Number.isInteger(min) || min < 1) {
    throw new StreamArgumentError('rechunk: options.minChars must be a positive integer');
  }
  const delay = checkMs(options?.maxDelayMs, 'rechunk: options.maxDelayMs') ?? 50;
  return new Rechunk(new Upstream(stream, 'rechunk'), min, delay);
}
