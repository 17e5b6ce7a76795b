import { setTimeout as sleep } from 'node:timers/promises';
import {
  type CompletionRequest,
  checkKnownKeys,
  type KnownKeys,
  knownKeys,
  type StreamDelta,
} from '@hotpath/protocol';
import type { Cache } from '../cache.ts';
import type { CacheOutcome } from '../cache-options.ts';
import { argumentError, CacheArgumentError } from '../errors.ts';
import { frozen } from './frozen.ts';
import type { HashFunction } from './hash.ts';
import { OutcomeCounter, type OutcomeStats } from './outcome-stats.ts';
import { type PriceTable, type Savings, savingsOf } from './prices.ts';
import { Keyer } from './request-key.ts';
import { SharedStream, type TimedDelta } from './shared-stream.ts';

/** Options of {@link StreamCache}. */
export interface StreamCacheOptions {
  /** The multi-tier cache to store recordings in (namespace `llm:stream`). */
  readonly cache: Cache;
  /** Hash of the canonical request. @default SHA-256 inline */
  readonly hash?: HashFunction;
  /** Time to live of a recording, in ms. @default 86400000 (24 h) */
  readonly ttlMs?: number;
  /** Prices, so hits report the money they saved. */
  readonly prices?: PriceTable;
}

/**
 * How one {@link StreamCache.stream} call was served, filled in as it runs (pass `{}` and read
 * it during or after the loop).
 */
export interface StreamStatus {
  /**
   * Set before the first delta: `hit` (a recording replayed), `shared` (joined an identical
   * stream in flight), `miss` (opened its own upstream stream).
   */
  outcome?: CacheOutcome;
  /** What a `hit` or `shared` stream saved, set when its usage delta passes. */
  saved?: Savings;
}

/** Per-call options of {@link StreamCache.stream}. */
export interface StreamCallOptions {
  /**
   * Tenant (an id, or a hash of the API key): part of the key, so tenants never share
   * recordings or live streams. @default ''
   */
  readonly scope?: string;
  /** Receives the call's outcome and savings. */
  readonly status?: StreamStatus;
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

const OPTIONS: KnownKeys = knownKeys<StreamCacheOptions>({
  cache: true,
  hash: true,
  ttlMs: true,
  prices: true,
});
const CALL_OPTIONS: KnownKeys = knownKeys<StreamCallOptions>({
  scope: true,
  status: true,
  paced: true,
  speed: true,
  noCache: true,
  noStore: true,
  signal: true,
});

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
 * Records finished streams and replays them instantly or at their original pace; concurrent
 * identical streaming requests of one tenant share one upstream stream (late joiners get the
 * prefix, then the live deltas). It computes the key from the request and the scope, and
 * reports each call's outcome (`hit`, `shared`, `miss`) and savings in `options.status`.
 * Aborted, errored and length-truncated streams are never stored.
 * @example
 * ```ts
 * const streams = new StreamCache({ cache });
 * const status: StreamStatus = {};
 * for await (const delta of streams.stream(request, (req, signal) => provider.stream(req, { signal }), { scope, status })) print(delta);
 * console.log(status.outcome, status.saved);
 * ```
 */
export class StreamCache {
  readonly #cache: Cache;
  readonly #keys: Keyer;
  readonly #ttlMs: number;
  readonly #prices: PriceTable | undefined;
  readonly #live = new Map<string, SharedStream>();
  readonly #counter = new OutcomeCounter();

  constructor(options: StreamCacheOptions) {
    if (typeof options?.cache?.getOrSet !== 'function')
      throw new CacheArgumentError('options.cache', 'a Cache', options?.cache);
    checkKnownKeys(options, OPTIONS, 'options', argumentError);
    this.#cache = options.cache.namespace('llm:stream');
    this.#keys = new Keyer(options.hash);
    this.#ttlMs = options.ttlMs ?? 86_400_000;
    this.#prices = options.prices;
  }

  /** How many upstream streams were opened (the `misses`). */
  get upstreamCalls(): number {
    return this.#counter.snapshot().misses;
  }

  /** Running totals: outcomes and what `hit` and `shared` streams saved. */
  stats(): OutcomeStats {
    return this.#counter.snapshot();
  }

  /** Streams the answer: from a recording, by joining an identical live stream, or from upstream. */
  async *stream(
    request: CompletionRequest,
    call: StreamCall,
    options: StreamCallOptions = {},
  ): AsyncGenerator<StreamDelta, void, undefined> {
    if (typeof call !== 'function') throw new CacheArgumentError('call', 'a function', call);
    checkKnownKeys(options, CALL_OPTIONS, 'options', argumentError);
    const speed = options.speed ?? 1;
    if (!(speed > 0)) throw new CacheArgumentError('options.speed', 'a number > 0', speed);
    const key = await this.#keys.request(request, options.scope ?? '');
    const recording =
      options.noCache === true ? undefined : await this.#cache.get<StreamRecording>(key);
    if (recording !== undefined) {
      // A recording read back from L2 is new: frozen like the deltas recorded (a no-op after).
      const played = replay(frozen(recording), options.paced === true, speed, options.signal);
      const tookMs = recording.deltas.at(-1)?.at ?? 0;
      yield* this.#served('hit', played, request.model, options.status, () => tookMs);
      return;
    }
    const live = options.noCache === true ? undefined : this.#live.get(key);
    // A stream every consumer left is being torn down; it cannot be joined.
    if (live !== undefined && !live.controller.signal.aborted) {
      const elapsed = () => performance.now() - live.started;
      yield* this.#served(
        'shared',
        live.read(options.signal),
        request.model,
        options.status,
        elapsed,
      );
      return;
    }
    this.#outcome('miss', options.status);
    yield* this.#open(key, request, call, options).read(options.signal);
  }

  #outcome(outcome: CacheOutcome, status: StreamStatus | undefined): void {
    this.#counter.count(outcome);
    if (status !== undefined) status.outcome = outcome;
  }

  /** Yields a `hit` or `shared` stream, counting what it saved when its usage delta passes. */
  async *#served(
    outcome: 'hit' | 'shared',
    deltas: AsyncIterable<StreamDelta>,
    model: string,
    status: StreamStatus | undefined,
    tookMs: () => number,
  ): AsyncGenerator<StreamDelta, void, undefined> {
    this.#outcome(outcome, status);
    for await (const delta of deltas) {
      if (delta.type === 'usage') {
        const saved = savingsOf(this.#prices, model, delta.usage, tookMs());
        this.#counter.save(saved);
        if (status !== undefined) status.saved = saved;
      }
      yield delta;
    }
  }

  #open(
    key: string,
    request: CompletionRequest,
    call: StreamCall,
    options: StreamCallOptions,
  ): SharedStream {
    const shared = new SharedStream();
    if (options.noCache !== true) this.#live.set(key, shared);
    const pump = this.#pump(shared, request, call).then(async () => {
      try {
        if (options.noStore !== true && !shared.failed && isComplete(shared.deltas)) {
          await this.#cache.set(key, { deltas: shared.deltas } satisfies StreamRecording, {
            ttlMs: this.#ttlMs,
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
    const started = shared.started;
    try {
      for await (const delta of call(request, shared.controller.signal)) {
        shared.push({ delta: frozen(delta), at: performance.now() - started });
        if (shared.controller.signal.aborted) throw shared.controller.signal.reason;
      }
      shared.finish();
    } catch (error) {
      shared.fail(error);
    }
  }
}
