import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultMode } from '../options.ts';
import type { SimContext } from './context.ts';
import { type Dialect, ERROR_STATUS, type ErrorKind } from './dialect.ts';
import type { RateLimitState } from './rate-limiter.ts';
import { BadHeaderError, type RequestConfig, requestConfig } from './request-config.ts';
import type { TickHandle } from './ticker.ts';

type Phase = 'waiting' | 'streaming' | 'done';

/**
 * One request and its response: headers, rate limit, injected faults, and the client-abort
 * bookkeeping. Whatever is pending (a delay or the next paced tokens) sits in `pending`, so
 * a closed socket cancels it at once and nothing more is written.
 */
export class Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly sim: SimContext;
  readonly dialect: Dialect;
  readonly requestId: string;
  readonly startedAt: number = performance.now();
  config: RequestConfig | undefined;
  rate: RateLimitState | undefined;
  pending: TickHandle | undefined;
  #phase: Phase = 'waiting';

  /** @param sim - the simulator state; `dialect` shapes errors and headers */
  constructor(req: IncomingMessage, res: ServerResponse, sim: SimContext, dialect: Dialect) {
    this.req = req;
    this.res = res;
    this.sim = sim;
    this.dialect = dialect;
    this.requestId = sim.nextId('req_');
    res.once('close', () => this.#onClose());
  }

  /** True once the response ended or the client went away. */
  get finished(): boolean {
    return this.#phase === 'done';
  }

  /** Marks the response as streaming (counted in `activeStreams`). */
  startStream(): void {
    this.#phase = 'streaming';
    const counters = this.sim.stats.counters;
    counters.streamsStarted++;
    counters.activeStreams++;
  }

  /** Marks the response as over; a stream that reached its end marker counts as completed. */
  finish(completed: boolean): void {
    if (this.#phase === 'streaming') {
      this.sim.stats.counters.activeStreams--;
      if (completed) this.sim.stats.counters.streamsCompleted++;
    }
    this.#phase = 'done';
    this.sim.stats.changed();
  }

  #onClose(): void {
    if (this.#phase === 'done') return;
    this.pending?.cancel();
    this.pending = undefined;
    const counters = this.sim.stats.counters;
    if (!this.sim.closing) {
      if (this.#phase === 'streaming') counters.streamsAborted++;
      else counters.requestsAborted++;
    }
    this.finish(false);
  }

  /** Reads the `x-sim-*` headers; throws `BadHeaderError` for a bad one. */
  configure(bodySeed: number | undefined): RequestConfig {
    this.config = requestConfig(this.req.headers, this.sim.options, this.sim.faultPrng, bodySeed);
    return this.config;
  }

  /** Headers every response of this exchange carries. */
  headers(contentType: string): Record<string, string> {
    const headers = this.dialect.baseHeaders(this.requestId);
    if (this.rate !== undefined) Object.assign(headers, this.dialect.rateHeaders(this.rate));
    headers['content-type'] = contentType;
    return headers;
  }

  /** Sends a complete JSON response. */
  sendJson(status: number, body: string, extra?: Record<string, string>): void {
    const headers = this.headers('application/json');
    if (extra !== undefined) Object.assign(headers, extra);
    headers['content-length'] = String(Buffer.byteLength(body));
    this.res.writeHead(status, headers);
    this.res.end(body);
    this.sim.stats.status(status);
    this.finish(false);
  }

  /** Sends an error in the provider's shape. */
  sendError(kind: ErrorKind, message: string, extra?: Record<string, string>): void {
    this.sendJson(ERROR_STATUS[kind], this.dialect.errorBody(kind, message), extra);
  }

  /** Counts an injected fault. */
  countFault(fault: FaultMode): void {
    this.sim.stats.counters.faults[fault]++;
  }

  /**
   * Takes `tokens` from the rate-limit window; when it is exhausted, answers a real 429
   * with `Retry-After` and returns false.
   */
  admit(tokens: number): boolean {
    this.rate = this.sim.limiter.take(tokens, performance.now());
    if (this.rate.allowed) return true;
    this.sim.stats.counters.rateLimited++;
    const retryAfter = String(Math.max(1, Math.ceil(this.rate.resetMs / 1000)));
    this.sendError(
      'rate_limit',
      'Rate limit reached: too many requests or tokens in this window. Please retry after the time in Retry-After.',
      { 'retry-after': retryAfter },
    );
    return false;
  }

  /** Answers an injected 429, 500 or 503 (and `stream-error` without streaming) and returns true; false for other faults. */
  statusFault(streaming: boolean): boolean {
    const fault = this.config?.fault;
    if (fault === '429') {
      this.countFault(fault);
      this.rate = this.rate && { ...this.rate, remainingRequests: 0, remainingTokens: 0 };
      const retryAfter = String(this.config!.retryAfterSeconds);
      this.sendError(
        'rate_limit',
        'Rate limit reached for requests (simulated). Please try again later.',
        { 'retry-after': retryAfter },
      );
      return true;
    }
    if (fault === '500' || (fault === 'stream-error' && !streaming)) {
      this.countFault(fault);
      this.sendError(
        'server',
        'The server had an error while processing your request (simulated).',
      );
      return true;
    }
    if (fault === '503') {
      this.countFault(fault);
      this.sendError(
        'overloaded',
        'The engine is currently overloaded, please try again later (simulated).',
      );
      return true;
    }
    return false;
  }

  /**
   * Runs `fn` after `ms` on the simulator's ticker (at once when `ms <= 0`). It never runs once the
   * client has gone or the simulator closed: closing cancels the pending tick.
   */
  after(ms: number, fn: () => void): void {
    if (ms <= 0) {
      this.guard(fn);
      return;
    }
    this.pending = this.sim.ticker.schedule(performance.now() + ms, () => {
      this.pending = undefined;
      if (!this.finished) this.guard(fn);
    });
  }

  /** Runs `fn` now, or after `slowHeadersMs` under the `slow-headers` fault. */
  afterSlowHeaders(fn: () => void): void {
    if (this.config?.fault !== 'slow-headers') {
      fn();
      return;
    }
    this.countFault('slow-headers');
    this.after(this.config.slowHeadersMs, fn);
  }

  /** Runs `fn`, answering any error it throws instead of letting it escape a timer. */
  guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Answers an unexpected error: a 400 for a bad `x-sim-*` header, else a 500 (or a dropped connection once headers went out). */
  fail(error: unknown): void {
    if (this.finished || this.res.headersSent) {
      this.finish(false);
      this.res.destroy();
      return;
    }
    if (error instanceof BadHeaderError) this.sendError('invalid', error.message);
    else {
      const reason = error instanceof Error ? error.message : String(error);
      this.sendError('server', `The simulator failed: ${reason}`);
    }
  }
}
