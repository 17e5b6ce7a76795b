import type { StreamDelta } from '@hotpath/protocol';
import type { DeltaStream } from '../delta-stream.ts';
import { StreamAbortedError } from '../errors.ts';
import type { StreamMetrics } from '../metrics.ts';
import { DONE, InOrder } from './upstream.ts';

/** What a consumer needs from the shared hub. */
export interface ConsumerHub {
  /** The consumer's next delta already read from the upstream, if any. */
  take(consumer: Consumer): StreamDelta | undefined;
  /** Waits for the consumer's next delta (or the end). */
  wait(consumer: Consumer): Promise<IteratorResult<StreamDelta>>;
  /** Detaches the consumer; with a reason, its waiting `next()` rejects. */
  leave(consumer: Consumer, reason?: unknown): void;
  metrics(): StreamMetrics | undefined;
}

/** One reader of a fan-out: its own cursor into the hub's log. */
export class Consumer implements DeltaStream {
  readonly #hub: ConsumerHub;
  #held: StreamDelta | undefined;
  readonly #order = new InOrder();
  #waiting: Promise<boolean> | undefined;
  cursor: number;
  active = true;
  error: unknown;
  waiter: { resolve(r: IteratorResult<StreamDelta>): void; reject(e: unknown): void } | undefined;

  constructor(hub: ConsumerHub, cursor: number) {
    this.#hub = hub;
    this.cursor = cursor;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  readBuffered(): StreamDelta | undefined {
    const held = this.#held;
    if (held !== undefined) {
      this.#held = undefined;
      return held;
    }
    return this.active ? this.#hub.take(this) : undefined;
  }

  next(): Promise<IteratorResult<StreamDelta>> {
    return this.#order.next(this);
  }

  /**
   * Resolves true once `readBuffered()` has a delta. Calls that overlap share one wait on the
   * hub: the hub keeps one waiter per consumer, and a second would replace (and strand) the first.
   */
  wait(): Promise<boolean> {
    if (this.#held !== undefined) return Promise.resolve(true);
    this.#waiting ??= this.#waitHub();
    return this.#waiting;
  }

  async #waitHub(): Promise<boolean> {
    try {
      const result = await this.#hub.wait(this);
      if (result.done) return false;
      this.#held = result.value;
      return true;
    } finally {
      this.#waiting = undefined;
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  async return(): Promise<IteratorResult<StreamDelta>> {
    this.#hub.leave(this);
    return DONE;
  }

  abort(reason?: unknown): void {
    this.#hub.leave(this, reason ?? new StreamAbortedError());
  }

  metrics(): StreamMetrics | undefined {
    return this.#hub.metrics();
  }
}
