import type { ResolvedOptions } from '../options.ts';
import type { Prng } from './prng.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { RequestLog } from './request-log.ts';
import type { StatsRecorder } from './stats-recorder.ts';
import type { Ticker } from './ticker.ts';

/** Per-simulator state shared by every request handler. */
export interface SimContext {
  readonly options: ResolvedOptions;
  readonly stats: StatsRecorder;
  readonly ticker: Ticker;
  /** Draws the fault-rate decisions, in request arrival order. */
  readonly faultPrng: Prng;
  /** A unique id with `prefix`, e.g. `req_…`, `chatcmpl-…`. */
  nextId(prefix: string): string;
  readonly limiter: RateLimiter;
  /** The most recent requests, for `sim.requests`. */
  readonly requests: RequestLog;
  /** Set by `close()`: sockets closing from now on are not client aborts. */
  closing: boolean;
}
