import type { StreamDelta } from '@hotpath/protocol';
import type { StreamMetrics } from './metrics.ts';

/**
 * An async iterable of deltas that can be stopped. Every decoder and operator of
 * `@hotpath/stream` returns one, so stopping the outermost stream stops the whole chain
 * down to the HTTP request.
 */
export interface DeltaStream extends AsyncIterableIterator<StreamDelta> {
  /**
   * Stops the stream now: a waiting `next()` rejects with `reason` (default a
   * `StreamAbortedError`), and the upstream request is aborted.
   */
  abort(reason?: unknown): void;
  /**
   * A delta that is already decoded, or `undefined` when `next()` would have to wait.
   * Operators use it to pass deltas along without a promise per delta.
   */
  readBuffered(): StreamDelta | undefined;
  /**
   * Resolves `true` once `readBuffered()` has a delta, `false` when the stream ended;
   * rejects with the stream's error. With `readBuffered()` it lets operators wait on the
   * innermost stream directly instead of adding a promise per layer.
   */
  wait(): Promise<boolean>;
  /** Same as `return()`: on Node 24, `await using deltas = decodeOpenAI(…)` stops the stream on scope exit. */
  [Symbol.asyncDispose](): Promise<void>;
  /** Timing of the underlying decoded stream, when there is one. */
  metrics(): StreamMetrics | undefined;
}

/** Options every decoder accepts. */
export interface DecodeOptions {
  /** Aborts the stream, and through `upstream` the request, when it fires. */
  readonly signal?: AbortSignal;
  /**
   * The controller whose `signal` you gave to `fetch` / undici. The stream aborts it when
   * it stops early (break, `return()`, `abort()`, a limit) or fails, which closes the
   * connection so the provider stops generating tokens nobody reads.
   */
  readonly upstream?: { abort(reason?: unknown): void };
  /**
   * Largest single event's data (SSE) or line (NDJSON) in characters; a larger one fails the
   * stream with `HOTPATH_STREAM_EVENT_TOO_LARGE` instead of growing memory. One SSE line
   * (comments and other fields too) may be `data: `.length longer. Where the body is split
   * into chunks never changes the outcome.
   * @default 1_048_576
   */
  readonly maxEventSize?: number;
  /**
   * `performance.now()` when the request was sent, so time to first token includes the
   * wait for headers.
   * @default the time the decoder was created
   */
  readonly startedAt?: number;
}
