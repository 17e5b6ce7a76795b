/** Timing of one decoded stream. All times in milliseconds. */
export interface StreamMetrics {
  /** Which decoder produced the stream: `openai`, `anthropic` or `ollama`. */
  readonly provider: string;
  /** From the stream's start (`startedAt`) to the first text, reasoning or tool-call delta. */
  readonly ttftMs: number | undefined;
  /** From the start to the end of the body (or to now, while it runs). */
  readonly totalMs: number;
  /** Output tokens: the provider's usage when it sent one, else the number of content deltas. */
  readonly outputTokens: number;
  /** `outputTokens` per second of generation (after the first token). */
  readonly tokensPerSecond: number;
  /** Body chunks received. */
  readonly chunks: number;
  /** Median gap between body chunks. */
  readonly gapP50Ms: number;
  /** 90th percentile gap between body chunks. */
  readonly gapP90Ms: number;
}

/** Message on `hotpath:stream:start`. */
export interface StreamStartMessage {
  readonly provider: string;
}

/** Message on `hotpath:stream:first-token`. */
export interface StreamFirstTokenMessage {
  readonly provider: string;
  readonly ttftMs: number;
}

/** Message on `hotpath:stream:end` (`error` and `aborted` are set when it did not finish cleanly). */
export interface StreamEndMessage {
  readonly metrics: StreamMetrics;
  /** Why it failed, when the stream itself failed (malformed, truncated, reset, …). */
  readonly error?: unknown;
  /** True when it was stopped from outside: break / `return()`, `abort()`, a signal, a limit. */
  readonly aborted: boolean;
}

/**
 * Names of the `node:diagnostics_channel` channels every decoded stream publishes on
 * (only while someone subscribes).
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(STREAM_CHANNELS.end, (m) => console.log((m as StreamEndMessage).metrics.ttftMs));
 * ```
 */
export const STREAM_CHANNELS: {
  readonly start: 'hotpath:stream:start';
  readonly firstToken: 'hotpath:stream:first-token';
  readonly end: 'hotpath:stream:end';
} = {
  start: 'hotpath:stream:start',
  firstToken: 'hotpath:stream:first-token',
  end: 'hotpath:stream:end',
};
