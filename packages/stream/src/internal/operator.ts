import type { StreamDelta } from '@hotpath/protocol';
import type { DeltaStream } from '../delta-stream.ts';
import { StreamAbortedError } from '../errors.ts';
import type { StreamMetrics } from '../metrics.ts';
import { DONE, InOrder, type Upstream } from './upstream.ts';

/**
 * What every operator over an {@link Upstream} shares: iterating through its own
 * `readBuffered()` and `wait()`, and stopping. Stopping first lets the operator drop its own
 * state ({@link Operator.stopped}), then stops or aborts the stream it reads from, so a stop
 * reaches the HTTP request whichever layer of the chain it starts at.
 */
export abstract class Operator implements DeltaStream {
  readonly #up: Upstream;
  readonly #order = new InOrder();

  /** @param up - the stream this operator reads from */
  constructor(up: Upstream) {
    this.#up = up;
  }

  abstract readBuffered(): StreamDelta | undefined;

  abstract wait(): Promise<boolean>;

  /** Drops the operator's own state (buffers, timers) when its consumer stops or aborts it. */
  protected abstract stopped(): void;

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<StreamDelta>> {
    return this.#order.next(this);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  async return(): Promise<IteratorResult<StreamDelta>> {
    this.stopped();
    this.#up.stop();
    return DONE;
  }

  abort(reason?: unknown): void {
    this.stopped();
    this.#up.abort(reason ?? new StreamAbortedError());
  }

  metrics(): StreamMetrics | undefined {
    return this.#up.metrics();
  }
}
