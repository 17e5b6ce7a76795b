import type { StreamDelta } from '@hotpath/protocol';

/** A delta with its offset from the start of the stream, in ms. */
export interface TimedDelta {
  readonly delta: StreamDelta;
  readonly at: number;
}

/**
 * One upstream stream read by many consumers: every delta is kept, so a consumer
 * that joins late first gets the prefix, then the live deltas. The upstream is
 * aborted when the last consumer leaves.
 */
export class SharedStream {
  readonly deltas: TimedDelta[] = [];
  readonly controller: AbortController = new AbortController();
  /** When the upstream stream was opened (`performance.now()`). */
  readonly started: number = performance.now();
  done = false;
  failed = false;
  error: unknown = undefined;
  #consumers = 0;
  #wake: (() => void)[] = [];

  /** Appends a delta and wakes the readers. */
  push(delta: TimedDelta): void {
    this.deltas.push(delta);
    this.#notify();
  }

  /** Ends the stream normally. */
  finish(): void {
    this.done = true;
    this.#notify();
  }

  /** Ends the stream with an error; readers rethrow it after the deltas they missed. */
  fail(error: unknown): void {
    this.failed = true;
    this.error = error;
    this.finish();
  }

  /** Reads every delta from the first one, then live ones until the end. */
  async *read(signal: AbortSignal | undefined): AsyncGenerator<StreamDelta, void, undefined> {
    this.#consumers++;
    let index = 0;
    try {
      while (true) {
        while (index < this.deltas.length) yield this.deltas[index++]!.delta;
        if (this.done) break;
        await this.#next(signal);
      }
      if (this.failed) throw this.error;
    } finally {
      this.#consumers--;
      if (this.#consumers === 0 && !this.done)
        this.controller.abort(new Error('every consumer left the shared stream'));
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = [];
    for (const resolve of wake) resolve();
  }

  #next(signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.#wake = this.#wake.filter((fn) => fn !== wake);
        reject(signal?.reason);
      };
      const wake = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.#wake.push(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
