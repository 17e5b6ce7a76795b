import { channel } from 'node:diagnostics_channel';
import {
  createRateLimiter,
  type RateLimit,
  type RateLimiter,
  type RateLimitStore,
  type Reservation,
} from '@hotpath/executor';
import {
  type CallContext,
  type CompletionRequest,
  checkKnownKeys,
  type KnownKeys,
  knownKeys,
  type Middleware,
  type Plugin,
  type Usage,
} from '@hotpath/protocol';
import { isRateLimited } from '@hotpath/provider-kit';
import { RATE_LIMIT_CHANNELS } from './channels.ts';
import { RateLimitArgumentError } from './errors.ts';
import { estimateTokens as defaultEstimate } from './estimate-tokens.ts';
import {
  createService,
  type RateLimitService,
  type ServiceState,
  storeFailed,
} from './rate-limit-service.ts';

const rateLimitedChannel = channel(RATE_LIMIT_CHANNELS.rateLimited);

/** Options of {@link rateLimitPlugin}. */
export interface RateLimitPluginOptions {
  /** The limits every call must fit, for example `[{ name: 'rpm', limit: 500 }, { name: 'tpm', unit: 'tokens', limit: 90_000 }]`. */
  readonly limits: readonly RateLimit[];
  /** Where buckets live; share a Redis store to share limits between processes. @default an in-memory store */
  readonly store?: RateLimitStore;
  /** Prefix of the bucket keys, so several limiters can share one store. @default 'hotpath' */
  readonly prefix?: string;
  /** Share of a pause each waiting caller adds at random, so they do not all return at once. @default 0.1 */
  readonly jitter?: number;
  /** The token estimate reserved before a call. @default {@link estimateTokens} (prompt chars / 4 + maxTokens) */
  readonly estimateTokens?: (request: CompletionRequest) => number;
  /**
   * @deprecated The plugin no longer retries: 429s are retried in one place, the provider
   * (`rateLimitRetry` of the provider plugins). Only `0` is accepted, so code that turned the
   * plugin's retries off keeps working.
   */
  readonly retries?: 0;
  /** The pause of every caller after a 429 that says nothing about when to retry, in ms. @default 1000 */
  readonly fallbackPauseMs?: number;
}

/** What {@link rateLimitPlugin} returns: the plugin, with its service reachable before the host starts. */
export interface RateLimitPlugin extends Plugin {
  /** The `rate-limit` service, for example to pass `update` to a provider's `onRateLimit`. */
  readonly service: RateLimitService;
}

interface Settings {
  readonly limiter: RateLimiter;
  readonly state: ServiceState;
  readonly estimate: (request: CompletionRequest) => number;
  readonly fallbackPauseMs: number;
}

function usedTokens(usage: Usage): number {
  return usage.inputTokens + usage.outputTokens;
}

async function acquire(s: Settings, tokens: number, context: CallContext): Promise<Reservation> {
  const options = context.signal === undefined ? {} : { signal: context.signal };
  const reservation = await s.limiter.acquire({ tokens }, options);
  s.state.counters.acquired++;
  s.state.counters.estimatedTokens += tokens;
  return reservation;
}

async function reconcile(s: Settings, reservation: Reservation, actual: number): Promise<void> {
  try {
    await s.limiter.reconcile(reservation, actual);
    s.state.counters.usedTokens += actual;
    s.state.counters.refundedTokens += reservation.tokens - actual;
  } catch (error) {
    storeFailed(s.state.counters, 'reconcile', error);
  }
}

/**
 * A call failed. After a 429 that came through the provider's own retries: hands the unused
 * reservation back and pauses every caller for the wait the provider asked for. The error goes
 * on to the caller either way: 429s are retried in one place, the provider
 * (`rateLimitRetry` of `@hotpath/provider-kit`), not here.
 */
async function onFailure(s: Settings, reservation: Reservation, error: unknown): Promise<void> {
  if (!isRateLimited(error)) return;
  s.state.counters.rateLimited++;
  await reconcile(s, reservation, 0);
  const pauseMs = error.retryAfterMs ?? s.fallbackPauseMs;
  if (rateLimitedChannel.hasSubscribers) rateLimitedChannel.publish({ pauseMs });
  try {
    await s.limiter.pause(pauseMs);
  } catch (pauseError) {
    // The provider's 429 is the error the caller needs; a failing store must not hide it.
    storeFailed(s.state.counters, 'pause', pauseError);
  }
}

function limitComplete(s: Settings): Middleware<'complete'> {
  return (next) => async (request, context) => {
    const reservation = await acquire(s, s.estimate(request), context);
    try {
      const result = await next(request, context);
      await reconcile(s, reservation, usedTokens(result.usage));
      return result;
    } catch (error) {
      await onFailure(s, reservation, error);
      throw error;
    }
  };
}

function limitStream(s: Settings): Middleware<'stream'> {
  return (next) =>
    async function* (request, context) {
      const reservation = await acquire(s, s.estimate(request), context);
      try {
        for await (const delta of next(request, context)) {
          if (delta.type === 'usage') await reconcile(s, reservation, usedTokens(delta.usage));
          yield delta;
        }
      } catch (error) {
        await onFailure(s, reservation, error);
        throw error;
      }
    };
}

function checkOptions(options: RateLimitPluginOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new RateLimitArgumentError('rateLimitPlugin(): options', 'an object with limits');
  }
  const { retries, fallbackPauseMs, estimateTokens } = options;
  if (retries !== undefined && retries !== 0) {
    throw new RateLimitArgumentError(
      'rateLimitPlugin(): options.retries',
      "0 (429s are retried by the provider: set the provider's rateLimitRetry)",
    );
  }
  if (
    fallbackPauseMs !== undefined &&
    !(Number.isFinite(fallbackPauseMs) && fallbackPauseMs >= 0)
  ) {
    throw new RateLimitArgumentError('rateLimitPlugin(): options.fallbackPauseMs', 'a number >= 0');
  }
  if (estimateTokens !== undefined && typeof estimateTokens !== 'function') {
    throw new RateLimitArgumentError('rateLimitPlugin(): options.estimateTokens', 'a function');
  }
}

function limiterOf(options: RateLimitPluginOptions): RateLimiter {
  return createRateLimiter({
    limits: options.limits,
    ...(options.store === undefined ? {} : { store: options.store }),
    ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
    ...(options.jitter === undefined ? {} : { jitter: options.jitter }),
  });
}

const OPTIONS: KnownKeys = knownKeys<RateLimitPluginOptions>({
  limits: true,
  store: true,
  prefix: true,
  jitter: true,
  estimateTokens: true,
  retries: true,
  fallbackPauseMs: true,
});

/**
 * A host plugin named `rate-limit` that keeps `complete` and `stream` calls under requests/min
 * and tokens/min limits (`createRateLimiter` of `@hotpath/executor`). Each call reserves one
 * request and an estimate of its tokens, and reconciles with the real usage afterwards. A 429
 * that reaches it (after the provider's own retries, see `rateLimitRetry`) hands the reservation
 * back and pauses every caller for its `retryAfterMs`. It provides the `rate-limit` service; pass
 * its `update` to the provider's `onRateLimit` so the limits follow the provider's headers, 429s
 * included.
 *
 * The middleware uses the normal order: it runs inside `pre` plugins such as metrics (which so
 * measure the wait) and inside normal plugins listed before it (list a cache first so hits skip it).
 *
 * @example
 * ```ts
 * const rateLimit = rateLimitPlugin({
 *   limits: [{ name: 'rpm', limit: 500 }, { name: 'tpm', unit: 'tokens', limit: 90_000 }],
 * });
 * const provider = createOpenAIProvider({ apiKey, onRateLimit: (info) => rateLimit.service.update(info) });
 * const host = createHost({ provider, plugins: [rateLimit] });
 * ```
 */

export function rateLimitPlugin(options: RateLimitPluginOptions): RateLimitPlugin {
  checkOptions(options);
  checkKnownKeys(
    options,
    OPTIONS,
    'options',
    (m) => new RateLimitArgumentError(`rateLimitPlugin(): ${m}`),
  );
  const limiter = limiterOf(options);
  const state = createService(limiter);
  const settings: Settings = {
    limiter,
    state,
    estimate: options.estimateTokens ?? defaultEstimate,
    fallbackPauseMs: options.fallbackPauseMs ?? 1_000,
  };
  return {
    name: 'rate-limit',
    service: state.service,
    setup(context) {
      context.provide('rate-limit', state.service);
      context.wrap('complete', limitComplete(settings));
      context.wrap('stream', limitStream(settings));
    },
  };
}
