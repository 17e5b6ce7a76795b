import type { StreamDelta } from '@hotpath/protocol';
import type { DeltaStream } from '../delta-stream.ts';
import { StreamArgumentError } from '../errors.ts';
import type { StreamMetrics } from '../metrics.ts';

type Source = AsyncIterator<StreamDelta> &
  Partial<Pick<DeltaStream, 'abort' | 'readBuffered' | 'metrics'>>;

function noop(): void {}

/**
 * The stream an operator reads from. Uses the source's `readBuffered()` and `abort()`
 * when it has them (every `@hotpath/stream` stream does), so deltas pass through a chain
 * of operators without a promise each, and stopping the chain reaches the HTTP request.
 */
export class Upstream {
  readonly #it: Source;
  readonly #buffered: boolean;
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
    this.#it = iterable[Symbol.asyncIterator]() as Source;
    this.#buffered = typeof this.#it.readBuffered === 'function';
  }

  /** A delta available without waiting, if the source can tell. */
  readBuffered(): StreamDelta | undefined {
    return this.#buffered ? this.#it.readBuffered!() : undefined;
  }

  /** The source's next delta. */
  next(): Promise<IteratorResult<StreamDelta>> {
    return this.#it.next();
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

/** A resolved iterator result for a delta. */
export function yielded(value: StreamDelta): Promise<IteratorResult<StreamDelta>> {
  return Promise.resolve({ value, done: false });
}

/** The finished iterator result. */
export const DONE: IteratorResult<StreamDelta> = Object.freeze({ value: undefined, done: true });
