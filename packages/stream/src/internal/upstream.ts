import type { StreamDelta } from '@hotpath/protocol';
import type { DeltaStream } from '../delta-stream.ts';
import { StreamArgumentError } from '../errors.ts';
import type { StreamMetrics } from '../metrics.ts';
import { looksLikeDelta, notADelta } from './check-options.ts';

type Source = AsyncIterator<StreamDelta> & Partial<DeltaStream>;

function noop(): void {}

/** The finished iterator result. */
export const DONE: IteratorResult<StreamDelta> = Object.freeze({ value: undefined, done: true });

/** What {@link InOrder} reads from. */
interface Readable {
  readBuffered(): StreamDelta | undefined;
  wait(): Promise<boolean>;
}

/**
 * `next()` that answers overlapping calls in call order, as an async generator does: the n-th
 * call gets the n-th delta, and once one call is done every later one is too. Without it, calls
 * that overlap raced for the deltas after each wait (a timer flush in `rechunk` could hand a
 * later call a delta after an earlier call was told done). A call with nothing before it and a
 * delta buffered costs no more than before; only a call that must wait chains on the one before.
 */
export class InOrder {
  #tail: Promise<IteratorResult<StreamDelta>> | undefined;
  #issued = 0;

  /** The next delta of `stream`, after every call made before this one has settled. */
  next(stream: Readable): Promise<IteratorResult<StreamDelta>> {
    if (this.#tail === undefined) {
      const delta = stream.readBuffered();
      if (delta !== undefined) return Promise.resolve({ value: delta, done: false });
    }
    const ticket = ++this.#issued;
    const tail = this.#after(this.#tail, stream, ticket);
    this.#tail = tail;
    return tail;
  }

  async #after(
    previous: Promise<unknown> | undefined,
    stream: Readable,
    ticket: number,
  ): Promise<IteratorResult<StreamDelta>> {
    try {
      if (previous !== undefined) await previous.then(noop, noop);
      return await nextOf(stream);
    } finally {
      if (this.#issued === ticket) this.#tail = undefined;
    }
  }
}

/** `next()` in terms of `readBuffered()` and `wait()`: one promise per delta, none per layer. */
export async function nextOf(stream: {
  readBuffered(): StreamDelta | undefined;
  wait(): Promise<boolean>;
}): Promise<IteratorResult<StreamDelta>> {
  for (;;) {
    const delta = stream.readBuffered();
    if (delta !== undefined) return { value: delta, done: false };
    if (!(await stream.wait())) return DONE;
  }
}

/**
 * The stream an operator reads from. A `@hotpath/stream` source is used directly
 * (`readBuffered`, `wait`, `abort`), so deltas pass through a chain of operators without a
 * promise each and stopping the chain reaches the HTTP request. Any other async iterable
 * is adapted: one delta is held between `wait()` and `readBuffered()`.
 */
export class Upstream {
  readonly #it: Source;
  readonly #name: string;
  /** The source itself when it speaks `readBuffered()` / `wait()`. */
  readonly #native: DeltaStream | undefined;
  #held: StreamDelta | undefined;
  #pending: Promise<boolean> | undefined;
  #reject: ((reason: unknown) => void) | undefined;
  #abortError: unknown;
  #closed = false;

  /**
   * @param stream - the source stream
   * @param name - the calling function, for the argument error
   */
  constructor(stream: unknown, name: string) {
    const iterable = stream as AsyncIterable<StreamDelta> | null | undefined;
    if (typeof iterable?.[Symbol.asyncIterator] !== 'function') {
      throw new StreamArgumentError(`${name}(stream): expected an AsyncIterable<StreamDelta>`);
    }
    this.#name = name;
    this.#it = iterable[Symbol.asyncIterator]() as Source;
    const it = this.#it;
    const native = typeof it.readBuffered === 'function' && typeof it.wait === 'function';
    this.#native = native ? (it as DeltaStream) : undefined;
  }

  /** A delta available without waiting. */
  readBuffered(): StreamDelta | undefined {
    const native = this.#native;
    if (native !== undefined) return native.readBuffered();
    const held = this.#held;
    this.#held = undefined;
    return held;
  }

  /** Resolves true when `readBuffered()` has a delta, false at the end. */
  wait(): Promise<boolean> {
    if (this.#native !== undefined) return this.#native.wait();
    if (this.#held !== undefined) return Promise.resolve(true);
    if (this.#abortError !== undefined) {
      const error = this.#abortError;
      this.#abortError = undefined;
      return Promise.reject(error);
    }
    this.#pending ??= new Promise((resolve, reject) => {
      this.#reject = reject;
      this.#it.next().then(
        (result) => {
          this.#pending = undefined;
          if (!result.done && !looksLikeDelta(result.value)) {
            this.stop();
            reject(notADelta(this.#name, result.value));
            return;
          }
          if (!result.done) this.#held = result.value;
          resolve(!result.done);
        },
        (error) => {
          this.#pending = undefined;
          reject(error);
        },
      );
    });
    return this.#pending;
  }

  /** The next delta. */
  next(): Promise<IteratorResult<StreamDelta>> {
    return nextOf(this);
  }

  /** The source's metrics, if it has any. */
  metrics(): StreamMetrics | undefined {
    return this.#it.metrics?.();
  }

  /** Marks the source finished: nothing left to cancel. */
  finished(): void {
    this.#closed = true;
  }

  /** Cancels the source (and through it the upstream request) with `reason`. */
  abort(reason: unknown): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#pending === undefined) this.#abortError = reason;
    this.#reject?.(reason);
    if (typeof this.#it.abort === 'function') this.#it.abort(reason);
    else this.#stop();
  }

  /** Tells the source its consumer stopped early. */
  stop(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stop();
  }

  #stop(): void {
    try {
      const result = this.#it.return?.();
      if (result) Promise.resolve(result).catch(noop);
    } catch {
      // A source whose return() throws has nothing left to cancel.
    }
  }
}

/** Checks an optional non-negative finite number option. */
export function checkMs(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value >= 0) || !Number.isFinite(value)) {
    throw new StreamArgumentError(`${name} must be a non-negative finite number of milliseconds`);
  }
  return value;
}
