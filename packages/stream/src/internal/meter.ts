import { type Channel, channel } from 'node:diagnostics_channel';
import { STREAM_CHANNELS, type StreamMetrics } from '../metrics.ts';

const startChannel: Channel = channel(STREAM_CHANNELS.start);
const firstTokenChannel: Channel = channel(STREAM_CHANNELS.firstToken);
const endChannel: Channel = channel(STREAM_CHANNELS.end);

/** Gaps kept for the percentiles; longer streams keep a uniform reservoir sample. */
const GAP_SAMPLES = 1024;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Times one stream per body chunk (never per delta) and publishes on diagnostics_channel. */
export class Meter {
  readonly #provider: string;
  readonly #startedAt: number;
  #firstTokenAt: number | undefined;
  #lastChunkAt: number | undefined;
  #endedAt: number | undefined;
  #chunks = 0;
  #gaps: number[] = [];
  #outputTokens = 0;

  /**
   * @param provider - decoder name
   * @param startedAt - `performance.now()` when the request started
   */
  constructor(provider: string, startedAt: number) {
    this.#provider = provider;
    this.#startedAt = startedAt;
    if (startChannel.hasSubscribers) startChannel.publish({ provider });
  }

  /** Records the arrival of one body chunk; `tokens` is the output token count so far. */
  chunk(tokens: number): void {
    const now = performance.now();
    if (this.#lastChunkAt !== undefined) this.#gap(now - this.#lastChunkAt);
    this.#lastChunkAt = now;
    this.#chunks++;
    this.#outputTokens = tokens;
    if (this.#firstTokenAt === undefined && tokens > 0) this.#first(now);
  }

  /** Ends the measurement and publishes it. */
  end(tokens: number, aborted: boolean, error?: unknown): void {
    if (this.#endedAt !== undefined) return;
    this.#endedAt = performance.now();
    this.#outputTokens = tokens;
    if (!endChannel.hasSubscribers) return;
    const metrics = this.snapshot();
    endChannel.publish(error === undefined ? { metrics, aborted } : { metrics, aborted, error });
  }

  /** The metrics so far. */
  snapshot(): StreamMetrics {
    const end = this.#endedAt ?? performance.now();
    const first = this.#firstTokenAt;
    const generating = first === undefined ? 0 : end - first;
    const sorted = [...this.#gaps].sort((a, b) => a - b);
    return {
      provider: this.#provider,
      ttftMs: first === undefined ? undefined : first - this.#startedAt,
      totalMs: end - this.#startedAt,
      outputTokens: this.#outputTokens,
      tokensPerSecond: generating > 0 ? (this.#outputTokens * 1000) / generating : 0,
      chunks: this.#chunks,
      gapP50Ms: percentile(sorted, 0.5),
      gapP90Ms: percentile(sorted, 0.9),
    };
  }

  #first(now: number): void {
    this.#firstTokenAt = now;
    if (firstTokenChannel.hasSubscribers) {
      firstTokenChannel.publish({ provider: this.#provider, ttftMs: now - this.#startedAt });
    }
  }

  #gap(ms: number): void {
    if (this.#gaps.length < GAP_SAMPLES) this.#gaps.push(ms);
    else {
      const slot = Math.floor(Math.random() * this.#chunks);
      if (slot < GAP_SAMPLES) this.#gaps[slot] = ms;
    }
  }
}
