import type { StreamDelta } from '@hotpath/protocol';
import type { DeltaStream } from './delta-stream.ts';
import { StreamAbortedError, StreamArgumentError, TruncatedStreamError } from './errors.ts';
import { checkLog } from './internal/check-log.ts';
import { checkSignal } from './internal/check-options.ts';
import { Operator } from './internal/operator.ts';
import { checkKeys, REPLAY_OPTIONS } from './internal/option-keys.ts';
import { DONE, Upstream } from './internal/upstream.ts';

/** One recorded delta and when it passed, in ms since the recording's first `next()`. */
export interface RecordedDelta {
  readonly atMs: number;
  readonly delta: StreamDelta;
}

/** A recorded stream: plain JSON, so it can be stored (for example in a cache) and replayed. */
export interface StreamLog {
  readonly entries: readonly RecordedDelta[];
  /** From the first `next()` to the end. */
  readonly durationMs: number;
  /** True when the stream ended normally (not by an error or an early stop). */
  readonly complete: boolean;
}

/** A delta stream that records what passes through it. */
export interface Recording extends DeltaStream {
  /** The log so far (complete once the stream has ended). */
  log(): StreamLog;
}

class Recorder extends Operator implements Recording {
  readonly #up: Upstream;
  readonly #entries: RecordedDelta[] = [];
  #start = -1;
  #end = -1;
  #complete = false;

  constructor(up: Upstream) {
    super(up);
    this.#up = up;
  }

  readBuffered(): StreamDelta | undefined {
    if (this.#start < 0) this.#start = performance.now();
    const delta = this.#up.readBuffered();
    if (delta !== undefined) this.#add(delta);
    return delta;
  }

  async wait(): Promise<boolean> {
    if (this.#start < 0) this.#start = performance.now();
    try {
      const more = await this.#up.wait();
      if (!more) this.#finish(true);
      return more;
    } catch (error) {
      this.#finish(false);
      throw error;
    }
  }

  protected stopped(): void {
    this.#finish(false);
  }

  log(): StreamLog {
    const end = this.#end < 0 ? performance.now() : this.#end;
    return {
      entries: [...this.#entries],
      durationMs: this.#start < 0 ? 0 : end - this.#start,
      complete: this.#complete,
    };
  }

  #add(delta: StreamDelta): void {
    if (this.#end >= 0) return;
    this.#entries.push({ atMs: performance.now() - this.#start, delta });
  }

  #finish(complete: boolean): IteratorResult<StreamDelta> {
    if (this.#end < 0) {
      this.#end = performance.now();
      this.#complete = complete;
      if (complete) this.#up.finished();
    }
    return DONE;
  }
}

/**
 * Passes a delta stream through unchanged while recording each delta and its time.
 * Call `log()` after the stream ended to get a JSON-safe {@link StreamLog} for `replay`.
 *
 * @param stream - any delta stream
 * @example
 * ```ts
 * const rec = record(decodeOpenAI(body));
 * for await (const d of rec) send(d);
 * cache.set(key, rec.log());
 * ```
 */
export function record(stream: AsyncIterable<StreamDelta>): Recording {
  return new Recorder(new Upstream(stream, 'record'));
}

/** Options of {@link replay}. */
export interface ReplayOptions {
  /**
   * Playback speed: 1 keeps the recorded timing, 2 is twice as fast, `Infinity` emits
   * everything without waiting.
   * @default 1
   */
  readonly speed?: number;
  /** Stops the replay; a waiting `next()` rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function* play(
  log: StreamLog,
  speed: number,
  own: AbortSignal,
  user: AbortSignal | undefined,
): AsyncGenerator<StreamDelta, void, undefined> {
  const internal = new AbortController();
  const onAbort = (): void => internal.abort((own.aborted ? own : user!).reason);
  own.addEventListener('abort', onAbort, { once: true });
  user?.addEventListener('abort', onAbort, { once: true });
  try {
    if (own.aborted || user?.aborted) onAbort();
    const start = performance.now();
    for (const { atMs, delta } of log.entries) {
      internal.signal.throwIfAborted();
      const wait = speed === Infinity ? 0 : start + atMs / speed - performance.now();
      if (wait > 0) await sleep(wait, internal.signal);
      yield delta;
    }
    internal.signal.throwIfAborted();
    if (!log.complete) throw new TruncatedStreamError('the end of the recorded stream');
  } finally {
    own.removeEventListener('abort', onAbort);
    user?.removeEventListener('abort', onAbort);
  }
}

/**
 * Plays a recorded {@link StreamLog} back as a delta stream with its original timing
 * (scaled by `speed`). A log of a stream that did not complete ends with
 * `HOTPATH_STREAM_TRUNCATED`, as the original did not finish cleanly either. A log that is
 * not one `record()` made (an entry without a delta, a negative time …) is refused with
 * `HOTPATH_STREAM_INVALID_ARGUMENT` before anything plays.
 *
 * @param log - what `record(stream).log()` returned
 * @example
 * ```ts
 * for await (const d of replay(cached, { speed: Infinity })) send(d);
 * ```
 */
export function replay(log: StreamLog, options?: ReplayOptions): DeltaStream {
  checkLog(log);
  checkKeys('replay', options, REPLAY_OPTIONS);
  checkSignal(options?.signal, 'replay');
  const speed = options?.speed ?? 1;
  if (typeof speed !== 'number' || !(speed > 0)) {
    throw new StreamArgumentError('replay: options.speed must be a positive number (or Infinity)');
  }
  const own = new AbortController();
  const source = new Upstream(play(log, speed, own.signal, options?.signal), 'replay');
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => source.next(),
    wait: () => source.wait(),
    readBuffered: () => source.readBuffered(),
    return: async () => {
      source.stop();
      return DONE;
    },
    [Symbol.asyncDispose]: async () => source.stop(),
    abort: (reason?: unknown) => own.abort(reason ?? new StreamAbortedError()),
    metrics: () => undefined,
  };
}
