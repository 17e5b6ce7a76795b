import { resetConnection } from './deliver.ts';
import type { ChatContext, StreamFrames } from './dialect.ts';
import type { Exchange } from './exchange.ts';
import { createPrng, type Prng } from './prng.ts';
import { TOLERANCE_MS } from './ticker.ts';

/**
 * Writes one streamed answer at the configured pace: the first token after the time to
 * first token, then one token per `1000 / tokensPerSecond` ms (± jitter). Each wake-up
 * writes every token that is due in a single `write`, waits for `drain` under backpressure,
 * and stops at once when the client goes away (the exchange cancels the pending tick).
 */
export class StreamSession {
  readonly #x: Exchange;
  readonly #frames: StreamFrames;
  readonly #tokens: number;
  readonly #gapMs: number;
  readonly #jitter: number;
  readonly #timing: Prng;
  readonly #faultAt: number;
  #faultPending: boolean;
  #index = 0;
  #due: number;
  #headSent = false;

  /** @param x - the exchange (configured); `ctx` is the answer to send */
  constructor(x: Exchange, frames: StreamFrames, ctx: ChatContext) {
    const config = x.config!;
    this.#x = x;
    this.#frames = frames;
    this.#tokens = ctx.plan.tokenCount;
    this.#gapMs = Number.isFinite(config.tokensPerSecond) ? 1000 / config.tokensPerSecond : 0;
    this.#jitter = config.jitter;
    this.#timing = createPrng(config.seed ^ 0x5bd1e995);
    this.#faultAt = Math.min(config.faultAfterTokens ?? this.#tokens >> 1, this.#tokens);
    const fault = config.fault;
    this.#faultPending =
      fault === 'reset' ||
      fault === 'truncate' ||
      fault === 'malformed' ||
      fault === 'stream-error';
    this.#due = x.startedAt + config.ttftMs;
  }

  /** Sends the headers now and the first frames when they are due. */
  start(contentType: string): void {
    const x = this.#x;
    const headers = { ...x.headers(contentType), 'cache-control': 'no-cache' };
    x.res.writeHead(200, headers);
    x.res.flushHeaders();
    x.sim.stats.status(200);
    x.startStream();
    this.#schedule();
  }

  #schedule(): void {
    if (this.#due <= performance.now() + TOLERANCE_MS) this.#tick();
    else this.#x.pending = this.#x.sim.ticker.schedule(this.#due, this.#onTick);
  }

  readonly #onTick = (): void => this.#x.guard(() => this.#tick());

  #nextGap(): number {
    if (this.#jitter === 0) return this.#gapMs;
    return this.#gapMs * (1 + this.#jitter * (this.#timing() * 2 - 1));
  }

  #tick(): void {
    this.#x.pending = undefined;
    if (this.#x.finished) return;
    const now = performance.now() + TOLERANCE_MS;
    let out = this.#headSent ? '' : this.#frames.head();
    this.#headSent = true;
    const start = this.#index;
    for (;;) {
      if (this.#index < this.#tokens && this.#due > now) break;
      if (this.#faultPending && this.#index === this.#faultAt) {
        this.#faultPending = false;
        if (this.#strike(out, start)) return;
        out += this.#frames.malformed();
      }
      if (this.#index === this.#tokens) {
        this.#end(out, start);
        return;
      }
      out += this.#frames.token(this.#index++);
      this.#due += this.#nextGap();
    }
    this.#write(out, start);
  }

  /** Applies the stream fault; true when it ended the stream (all but `malformed`). */
  #strike(out: string, start: number): boolean {
    const x = this.#x;
    const fault = x.config!.fault!;
    x.countFault(fault);
    if (fault === 'malformed') return false;
    this.#count(start);
    if (out !== '') x.res.write(out);
    if (fault === 'reset') {
      resetConnection(x, x.res.socket);
    } else {
      x.finish(false);
      x.res.end(fault === 'stream-error' ? this.#frames.error() : undefined);
    }
    return true;
  }

  #count(start: number): void {
    this.#x.sim.stats.counters.tokensSent += this.#index - start;
  }

  #write(out: string, start: number): void {
    this.#count(start);
    this.#x.sim.stats.changed();
    const flushed = out === '' || this.#x.res.write(out);
    if (flushed) this.#schedule();
    else this.#x.res.once('drain', () => this.#x.guard(() => this.#schedule()));
  }

  #end(out: string, start: number): void {
    this.#count(start);
    this.#x.finish(true);
    this.#x.res.end(out + this.#frames.tail());
  }
}
