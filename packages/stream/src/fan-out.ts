import type { StreamDelta } from '@hotpath/protocol';
import type { DeltaStream } from './delta-stream.ts';
import {
  LateJoinError,
  SlowConsumerError,
  StreamAbortedError,
  StreamArgumentError,
} from './errors.ts';
import { Consumer, type ConsumerHub } from './internal/fan-out-consumer.ts';
import { checkKeys, FAN_OUT_OPTIONS } from './internal/option-keys.ts';
import { DONE, Upstream } from './internal/upstream.ts';
import type { StreamMetrics } from './metrics.ts';

/** What happens when a consumer is `bufferSize` deltas behind the fastest one. */
export type SlowConsumerPolicy = 'wait' | 'drop' | 'abort';

/** Options of {@link fanOut} and {@link tee}. */
export interface FanOutOptions {
  /** Deltas a consumer may fall behind before `policy` applies. @default 256 */
  readonly bufferSize?: number;
  /**
   * `wait`: pause reading the upstream until the slow consumer catches up (everyone
   * goes at its pace); `drop`: that consumer's stream fails with
   * `HOTPATH_STREAM_SLOW_CONSUMER`, the others go on; `abort`: abort the upstream, every
   * consumer fails with `HOTPATH_STREAM_SLOW_CONSUMER`.
   * @default 'wait'
   */
  readonly policy?: SlowConsumerPolicy;
  /** Keep every delta so {@link FanOut.join} can replay the prefix to late joiners. @default false */
  readonly replay?: boolean;
}

/** One upstream, many consumers. */
export interface FanOut {
  /** The consumers created up front. */
  readonly consumers: readonly DeltaStream[];
  /**
   * Adds a consumer. With `replay: true` it first gets every delta so far; without it,
   * joining after the first delta was read throws `HOTPATH_STREAM_LATE_JOIN`.
   */
  join(): DeltaStream;
  /** Aborts the upstream; every consumer's stream fails with `reason`. */
  abort(reason?: unknown): void;
}

class Hub implements ConsumerHub {
  readonly #up: Upstream;
  readonly #size: number;
  readonly #policy: SlowConsumerPolicy;
  readonly #replay: boolean;
  readonly #consumers = new Set<Consumer>();
  #log: StreamDelta[] = [];
  #base = 0;
  #reading = false;
  #scheduled = false;
  #done = false;
  #error: unknown;

  constructor(up: Upstream, size: number, policy: SlowConsumerPolicy, replay: boolean) {
    this.#up = up;
    this.#size = size;
    this.#policy = policy;
    this.#replay = replay;
  }

  join(late: boolean): Consumer {
    if (late && !this.#replay && this.#base + this.#log.length > 0) throw new LateJoinError();
    const consumer = new Consumer(this, this.#replay ? 0 : this.#base + this.#log.length);
    this.#consumers.add(consumer);
    return consumer;
  }

  take(consumer: Consumer): StreamDelta | undefined {
    const at = consumer.cursor - this.#base;
    if (at >= this.#log.length) return undefined;
    consumer.cursor++;
    if (!this.#scheduled && !this.#reading && this.#hasWaiters()) this.#schedule();
    return this.#log[at];
  }

  wait(consumer: Consumer): Promise<IteratorResult<StreamDelta>> {
    if (!consumer.active || this.#done) return this.#settled(consumer);
    return new Promise((resolve, reject) => {
      consumer.waiter = { resolve, reject };
      this.#pump();
    });
  }

  leave(consumer: Consumer, reason?: unknown): void {
    if (!consumer.active) return;
    consumer.active = false;
    this.#consumers.delete(consumer);
    const waiter = consumer.waiter;
    consumer.waiter = undefined;
    if (reason !== undefined) waiter?.reject(reason);
    else waiter?.resolve(DONE);
    if (this.#consumers.size === 0 && !this.#done) {
      this.#fail(new StreamAbortedError());
      return;
    }
    this.#trim();
    // The consumer that left may be the one the others were waiting for ('wait' policy).
    if (!this.#scheduled && !this.#reading && this.#hasWaiters()) this.#schedule();
  }

  abort(reason: unknown): void {
    if (!this.#done) this.#fail(reason);
  }

  metrics(): StreamMetrics | undefined {
    return this.#up.metrics();
  }

  #settled(consumer: Consumer): Promise<IteratorResult<StreamDelta>> {
    const error = consumer.error ?? (consumer.active ? this.#error : undefined);
    consumer.error = undefined;
    consumer.active = false;
    this.#consumers.delete(consumer);
    return error === undefined ? Promise.resolve(DONE) : Promise.reject(error);
  }

  #schedule(): void {
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#pump();
    });
  }

  #hasWaiters(): boolean {
    for (const consumer of this.#consumers) if (consumer.waiter !== undefined) return true;
    return false;
  }

  #pump(): void {
    if (this.#reading || this.#done || !this.#enforce()) return;
    this.#reading = true;
    const buffered = this.#up.readBuffered();
    if (buffered !== undefined) {
      this.#onDelta(buffered);
      return;
    }
    this.#up.next().then(
      (result) => (result.done ? this.#onEnd() : this.#onDelta(result.value)),
      (error) => this.#fail(error),
    );
  }

  /** Applies the slow-consumer policy; false when reading must wait. */
  #enforce(): boolean {
    const end = this.#base + this.#log.length;
    for (const consumer of this.#consumers) {
      if (end - consumer.cursor < this.#size) continue;
      if (this.#policy === 'wait') return false;
      if (this.#policy === 'abort') {
        this.#fail(new SlowConsumerError('abort'));
        return false;
      }
      this.#drop(consumer);
    }
    return this.#consumers.size > 0;
  }

  #drop(consumer: Consumer): void {
    consumer.active = false;
    this.#consumers.delete(consumer);
    consumer.error = new SlowConsumerError('drop');
    if (this.#consumers.size === 0) this.#fail(consumer.error);
  }

  #onDelta(delta: StreamDelta): void {
    this.#reading = false;
    if (this.#done) return;
    this.#log.push(delta);
    for (const consumer of this.#consumers) {
      const waiter = consumer.waiter;
      if (waiter === undefined) continue;
      consumer.waiter = undefined;
      waiter.resolve({ value: this.take(consumer)!, done: false });
    }
    this.#trim();
    if (this.#hasWaiters()) this.#pump();
  }

  #onEnd(): void {
    this.#reading = false;
    this.#up.finished();
    this.#settle(undefined);
  }

  #fail(error: unknown): void {
    this.#reading = false;
    this.#up.abort(error);
    this.#settle(error);
  }

  #settle(error: unknown): void {
    this.#done = true;
    this.#error = error;
    for (const consumer of this.#consumers) {
      const waiter = consumer.waiter;
      consumer.waiter = undefined;
      if (waiter === undefined) continue;
      if (error === undefined) waiter.resolve(DONE);
      else waiter.reject(error);
      consumer.active = false;
    }
  }

  /** Forgets deltas every consumer has read, unless the prefix is kept for replay. */
  #trim(): void {
    if (this.#replay || this.#log.length < 1024) return;
    let min = this.#base + this.#log.length;
    for (const consumer of this.#consumers) min = Math.min(min, consumer.cursor);
    const drop = min - this.#base;
    if (drop < 512) return;
    this.#log = this.#log.slice(drop);
    this.#base = min;
  }
}

/**
 * Shares one upstream among `n` consumers, each with its own cursor and a bounded lag
 * (`bufferSize`) enforced by `policy`. The upstream is read once, at the pace the policy
 * allows, and aborted when every consumer has stopped.
 *
 * @param stream - the shared delta stream
 * @param n - consumers to create up front
 * @example
 * ```ts
 * const { consumers: [ui, log] } = fanOut(decodeOpenAI(body, { upstream }), 2, { policy: 'drop' });
 * ```
 */
export function fanOut(
  stream: AsyncIterable<StreamDelta>,
  n: number,
  options?: FanOutOptions,
): FanOut {
  if (!Number.isInteger(n) || n < 0) {
    throw new StreamArgumentError('fanOut(stream, n): n must be a non-negative integer');
  }
  checkKeys('fanOut', options, FAN_OUT_OPTIONS);
  const size = options?.bufferSize ?? 256;
  if (!Number.isInteger(size) || size < 1) {
    throw new StreamArgumentError('fanOut: options.bufferSize must be a positive integer');
  }
  const policy = options?.policy ?? 'wait';
  if (policy !== 'wait' && policy !== 'drop' && policy !== 'abort') {
    throw new StreamArgumentError("fanOut: options.policy must be 'wait', 'drop' or 'abort'");
  }
  const hub = new Hub(new Upstream(stream, 'fanOut'), size, policy, options?.replay ?? false);
  const consumers = Array.from({ length: n }, () => hub.join(false));
  return {
    consumers,
    join: () => hub.join(true),
    abort: (reason?: unknown) => hub.abort(reason ?? new StreamAbortedError()),
  };
}

/**
 * Two consumers of one upstream: `fanOut(stream, 2, options).consumers`.
 *
 * @param stream - the shared delta stream
 */
export function tee(
  stream: AsyncIterable<StreamDelta>,
  options?: FanOutOptions,
): [DeltaStream, DeltaStream] {
  const [a, b] = fanOut(stream, 2, options).consumers;
  return [a!, b!];
}
