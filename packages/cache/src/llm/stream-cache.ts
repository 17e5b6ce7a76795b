import { setTimeout as sleep } from 'node:timers/promises';
import type { CompletionRequest, StreamDelta } from '@hotpath/protocol';
import type { Cache } from '../cache.ts';
import { CacheArgumentError } from '../errors.ts';
import { type HashFunction, sha256 } from './hash.ts';
import { givenKey, requestKey } from './request-key.ts';
import { SharedStream, type TimedDelta } from './shared-stream.ts';

/** Options of {@link StreamCache}. */
export interface StreamCacheOptions {
  /** The multi-tier cache to store recordings in (namespace `llm:stream`). */
  readonly cache: Cache;
  /** Hash of the canonical request. @default SHA-256 inline */
  readonly hash?: HashFunction;
  /** TTL of a recording in ms. @default 86400000 (24 h) */
  readonly ttl?: number;
}

/** Per-call options of {@link StreamCache.stream}. */
export interface StreamCallOptions {
  /** Tenant or API key; hashed into the key. */
  readonly scope?: string;
  /**
   * The key of this request and scope, when the caller already has it from
   * `requestKey` or `ResponseCache.key` with the same hash; skips hashing the request again.
   */
  readonly key?: string;
  /** Replay recordings at their original pace instead of instantly. @default false */
  readonly paced?: boolean;
  /** Pace multiplier when `paced`: 2 replays twice as fast. @default 1 */
  readonly speed?: number;
  /** Skip the recording lookup. */
  readonly noCache?: boolean;
  /** Do not record this stream. */
  readonly noStore?: boolean;
  readonly signal?: AbortSignal;
}

/** A finished stream as stored: its ordered deltas with their offsets in ms. */
export interface StreamRecording {
  readonly deltas: readonly TimedDelta[];
}

/** Opens the upstream stream. */
export type StreamCall = (
  request: CompletionRequest,
  signal: AbortSignal,
) => AsyncIterable<StreamDelta>;

/** True when the stream finished normally: a finish delta that is not `length` or `error`. */
function isComplete(deltas: readonly TimedDelta[]): boolean {
  const last = deltas.at(-1)?.delta;
  return last?.type === 'finish' && last.reason !== 'length' && last.reason !== 'error';
}

async function* replay(
  recording: StreamRecording,
  paced: boolean,
  speed: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<StreamDelta, void, undefined> {
  const started = performance.now();
  for (const { delta, at } of recording.deltas) {
    signal?.throwIfAborted();
    const wait = paced ? at / speed - (performance.now() - started) : 0;
    if (wait > 0) await sleep(wait, undefined, { signal });
    yield delta;
  }
}

/**
 * Records finished streams and replays them instantly or at their original pace;
 * concurrent identical streaming requests share one upstream stream (late joiners get
 * the prefix, then the live deltas). Aborted, errored and length-truncated streams are
 * never stored.
 * @example
 * ```ts
 * const streams = new StreamCache({ cache });
 * for await (const delta of streams.stream(request, (req, signal) => provider.stream(req, { signal }))) print(delta);
 * ```
 */
export class StreamCache {
  readonly #cache: Cache;
  readonly #hash: HashFunction;
  readonly #ttl: number;
  readonly #live = new Map<string, SharedStream>();
  #upstreamCalls = 0;

  constructor(options: StreamCacheOptions) {
    if (typeof options?.cache?.getOrSet !== 'function')
      throw new CacheArgumentError('options.cache', 'a Cache', options?.cache);
    this.#cache = options.cache.namespace('llm:stream');
    this.#hash = options.hash ?? sha256;
    this.#ttl = options.ttl ?? 86_400_000;
  }

  /** How many upstream streams were opened. */
  get upstreamCalls(): number {
    return this.#upstreamCalls;
  }

  /** Streams the answer: from a recording, by joining an identical live stream, or from upstream. */
  async *stream(
    request: CompletionRequest,
    call: StreamCall,
    options: StreamCallOptions = {},
  ): AsyncGenerator<StreamDelta, void, undefined> {
    if (typeof call !== 'function') throw new CacheArgumentError('call', 'a function', call);
    const speed = options.speed ?? 1;
    if (!(speed > 0)) throw new CacheArgumentError('options.speed', 'a number > 0', speed);
    const key = await givenKey(options.key, () =>
      requestKey(request, options.scope ?? '', this.#hash),
    );
    const recording =
      options.noCache === true ? undefined : await this.#cache.get<StreamRecording>(key);
    if (recording !== undefined) {
      yield* replay(recording, options.paced === true, speed, options.signal);
      return;
    }
    const live = options.noCache === true ? undefined : this.#live.get(key);
    // A stream every consumer left is being torn down; it cannot be joined.
    const shared =
      live !== undefined && !live.controller.signal.aborted
        ? live
        : this.#open(key, request, call, options);
    yield* shared.read(options.signal);
  }

  #open(
    key: string,
    request: CompletionRequest,
    call: StreamCall,
    options: StreamCallOptions,
  ): SharedStream {
    const shared = new SharedStream();
    if (options.noCache !== true) this.#live.set(key, shared);
    this.#upstreamCalls++;
    const pump = this.#pump(shared, request, call).then(async () => {
      try {
        if (options.noStore !== true && !shared.failed && isComplete(shared.deltas)) {
          await this.#cache.set(key, { deltas: shared.deltas } satisfies StreamRecording, {
            ttl: this.#ttl,
          });
        }
      } finally {
        // Removed only after the recording is stored, so no identical request opens a second upstream in between.
        if (this.#live.get(key) === shared) this.#live.delete(key);
      }
    });
    pump.catch(() => {});
    return shared;
  }

  async #pump(shared: SharedStream, request: CompletionRequest, call: StreamCall): Promise<void> {
    const started = performance.now();
    try {
      for await (const delta of call(request, shared.controller.signal)) {
        shared.push({ delta, at: performance.now() - started });
        if (shared.controller.signal.aborted) throw shared.controller.signal.reason;
      }
      shared.finish();
    } catch (error) {
      shared.fail(error);
    }
  }
}
