import type { StreamDelta } from '@hotpath/protocol';
import type { DeltaStream } from './delta-stream.ts';
import { StreamTimeoutError, type TimeoutLimit } from './errors.ts';
import { Operator } from './internal/operator.ts';
import { checkKeys, TIMEOUT_OPTIONS } from './internal/option-keys.ts';
import { checkMs, Upstream } from './internal/upstream.ts';

/** Limits of {@link timeouts}, in milliseconds; leave one out to not enforce it. */
export interface TimeoutOptions {
  /** Longest wait for the first delta, counted from the first `next()`. */
  readonly firstChunkMs?: number;
  /** Longest wait for any later delta while the consumer is waiting for it. */
  readonly idleMs?: number;
  /** Longest life of the whole stream, counted from the first `next()`. */
  readonly totalMs?: number;
}

class Timeouts extends Operator {
  readonly #up: Upstream;
  readonly #first: number | undefined;
  readonly #idle: number | undefined;
  readonly #total: number | undefined;
  #startedAt = -1;
  #waitStart = 0;
  #waiting = false;
  #seen = false;
  #done = false;
  #timer: NodeJS.Timeout | undefined;
  #armedFor = Number.POSITIVE_INFINITY;
  readonly #waited = (more: boolean): void => {
    this.#waiting = false;
    if (!more) this.#finish();
  };
  readonly #failed = (): void => {
    this.#waiting = false;
    this.#finish();
  };

  constructor(up: Upstream, options: TimeoutOptions) {
    super(up);
    this.#up = up;
    this.#first = checkMs(options.firstChunkMs, 'timeouts: options.firstChunkMs');
    this.#idle = checkMs(options.idleMs, 'timeouts: options.idleMs');
    this.#total = checkMs(options.totalMs, 'timeouts: options.totalMs');
  }

  readBuffered(): StreamDelta | undefined {
    const delta = this.#up.readBuffered();
    if (delta !== undefined) this.#seen = true;
    return delta;
  }

  /** Waits on the source directly; an expired limit aborts the source, which rejects the wait. */
  wait(): Promise<boolean> {
    if (this.#done) return this.#up.wait();
    const now = performance.now();
    if (this.#startedAt < 0) this.#startedAt = now;
    this.#waitStart = now;
    this.#waiting = true;
    this.#arm(now);
    const waiting = this.#up.wait();
    waiting.then(this.#waited, this.#failed);
    return waiting;
  }

  protected stopped(): void {
    this.#finish();
  }

  /** The earliest deadline now in force, or Infinity. */
  #deadline(): number {
    const total = this.#total === undefined ? Infinity : this.#startedAt + this.#total;
    const limit = this.#seen ? this.#idle : this.#first;
    if (!this.#waiting || limit === undefined) return total;
    return Math.min(total, this.#waitStart + limit);
  }

  #arm(now: number): void {
    const deadline = this.#deadline();
    if (deadline === Infinity || (this.#timer !== undefined && this.#armedFor <= deadline)) return;
    clearTimeout(this.#timer);
    this.#armedFor = deadline;
    this.#timer = setTimeout(() => this.#check(), Math.max(0, deadline - now));
  }

  #check(): void {
    this.#timer = undefined;
    this.#armedFor = Infinity;
    if (this.#done) return;
    const now = performance.now();
    if (this.#total !== undefined && now - this.#startedAt >= this.#total) {
      this.#expire('total', this.#total);
      return;
    }
    const limit = this.#seen ? this.#idle : this.#first;
    if (this.#waiting && limit !== undefined && now - this.#waitStart >= limit) {
      this.#expire(this.#seen ? 'idle' : 'firstChunk', limit);
      return;
    }
    this.#arm(now);
  }

  #expire(limit: TimeoutLimit, ms: number): void {
    this.#finish();
    this.#up.abort(new StreamTimeoutError(limit, ms));
  }

  #finish(): void {
    this.#done = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/**
 * Enforces time limits on a delta stream. When one is hit, the upstream request is
 * aborted and the stream throws a `StreamTimeoutError` (`HOTPATH_STREAM_TIMEOUT`) whose
 * `limit` says which: `firstChunk`, `idle` or `total`. Time the consumer spends between
 * `next()` calls does not count as idle. One timer per stream, re-armed lazily, so the
 * cost per delta is nothing.
 *
 * @param stream - any delta stream (a decoder's, another operator's)
 * @example
 * ```ts
 * const deltas = timeouts(decodeOpenAI(res.body!, { upstream }), { firstChunkMs: 10_000, idleMs: 5_000 });
 * ```
 */
export function timeouts(stream: AsyncIterable<StreamDelta>, options: TimeoutOptions): DeltaStream {
  checkKeys('timeouts', options, TIMEOUT_OPTIONS);
  return new Timeouts(new Upstream(stream, 'timeouts'), options ?? {});
}
