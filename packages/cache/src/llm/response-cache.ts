import type { CompletionRequest, CompletionResult } from '@hotpath/protocol';
import type { Cache } from '../cache.ts';
import { CacheArgumentError } from '../errors.ts';
import { type HashFunction, sha256 } from './hash.ts';
import { type PriceTable, type Savings, savingsOf } from './prices.ts';
import { checkRequest, givenKey, requestKey } from './request-key.ts';

/** Options of {@link ResponseCache}. */
export interface ResponseCacheOptions {
  /** The multi-tier cache to store answers in (a namespace `llm:response` of it is used). */
  readonly cache: Cache;
  /** Hash of the canonical request. @default SHA-256 inline */
  readonly hash?: HashFunction;
  /** Requests at or below this temperature, or with a seed, are cached. @default 0 */
  readonly maxTemperature?: number;
  /** TTL in ms, or a function of the temperature. @default 24 h at temperature 0 (or seeded), 1 h otherwise */
  readonly ttl?: number | ((temperature: number | undefined) => number);
  /** Prices, so hits report the money they saved. */
  readonly prices?: PriceTable;
}

/** Per-request options of {@link ResponseCache.complete}. */
export interface ResponseCallOptions {
  /** Tenant or API key the answer belongs to; hashed into the key so tenants never share answers. */
  readonly scope?: string;
  /**
   * The key {@link ResponseCache.key} returned for this request and scope, when the caller
   * already computed it; skips hashing the request a second time.
   */
  readonly key?: string;
  /** Skip the lookup (still stores the fresh answer unless `noStore`). */
  readonly noCache?: boolean;
  /** Do not store this answer. */
  readonly noStore?: boolean;
  /** TTL of this answer in ms. */
  readonly ttl?: number;
  /** Cache even though the request is not deterministic. */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
}

/** A stored answer: the result with the usage and latency of the original call. */
export interface CachedResponse {
  readonly result: CompletionResult;
  /** Latency of the original call, in ms. */
  readonly latencyMs: number;
}

/** What {@link ResponseCache.complete} returns. */
export interface ResponseOutcome {
  readonly result: CompletionResult;
  /** True when no upstream call was made for this caller. */
  readonly cached: boolean;
  /** Tokens, time and money this hit saved. */
  readonly saved?: Savings;
}

/** Running totals of a response cache. */
export interface ResponseCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly bypassed: number;
  readonly savedInputTokens: number;
  readonly savedOutputTokens: number;
  readonly savedMs: number;
  /** USD saved on priced models. */
  readonly savedCost: number;
}

/** Calls the model. */
export type CompleteCall = (
  request: CompletionRequest,
  signal: AbortSignal | undefined,
) => Promise<CompletionResult>;

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Marks a result that must be returned but not stored (an `error` finish). */
class Uncacheable {
  readonly response: CachedResponse;
  constructor(response: CachedResponse) {
    this.response = response;
  }
}

/**
 * Caches chat completions under a versioned hash of the canonical request, scoped to
 * a tenant. Only deterministic requests by default; concurrent identical requests
 * share one upstream call; hits report the tokens, time and money they saved.
 * @example
 * ```ts
 * const responses = new ResponseCache({ cache, prices: { 'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 } } });
 * const { result, cached, saved } = await responses.complete(request, (req, signal) => provider.complete(req, { signal }), { scope: apiKey });
 * ```
 */
export class ResponseCache {
  readonly #cache: Cache;
  readonly #hash: HashFunction;
  readonly #maxTemperature: number;
  readonly #ttl: ResponseCacheOptions['ttl'];
  readonly #prices: PriceTable | undefined;
  readonly #stats = {
    hits: 0,
    misses: 0,
    bypassed: 0,
    savedInputTokens: 0,
    savedOutputTokens: 0,
    savedMs: 0,
    savedCost: 0,
  };

  constructor(options: ResponseCacheOptions) {
    if (typeof options?.cache?.getOrSet !== 'function')
      throw new CacheArgumentError('options.cache', 'a Cache', options?.cache);
    this.#cache = options.cache.namespace('llm:response');
    this.#hash = options.hash ?? sha256;
    this.#maxTemperature = options.maxTemperature ?? 0;
    this.#ttl = options.ttl;
    this.#prices = options.prices;
  }

  /** True when the request is cached by default: temperature ≤ `maxTemperature`, or a seed is set. */
  isDeterministic(request: CompletionRequest): boolean {
    const { temperature, seed } = request;
    return seed !== undefined || (temperature !== undefined && temperature <= this.#maxTemperature);
  }

  /** The cache key of a request in a scope. */
  key(request: CompletionRequest, scope = ''): string | Promise<string> {
    return requestKey(request, scope, this.#hash);
  }

  /** The stored answer, or `undefined`. */
  async get(request: CompletionRequest, scope = ''): Promise<CachedResponse | undefined> {
    return this.#cache.get<CachedResponse>(await this.key(request, scope));
  }

  /** Stores an answer with the latency of the call that produced it. */
  async set(
    request: CompletionRequest,
    response: CachedResponse,
    options: Pick<ResponseCallOptions, 'scope' | 'ttl'> = {},
  ): Promise<void> {
    const key = await this.key(request, options.scope ?? '');
    await this.#cache.set(key, response, { ttl: options.ttl ?? this.#ttlFor(request) });
  }

  /** Answers from the cache, or calls the model once for all concurrent identical requests. */
  async complete(
    request: CompletionRequest,
    call: CompleteCall,
    options: ResponseCallOptions = {},
  ): Promise<ResponseOutcome> {
    checkRequest(request);
    if (typeof call !== 'function') throw new CacheArgumentError('call', 'a function', call);
    const cacheable = options.force === true || this.isDeterministic(request);
    if (!cacheable || (options.noCache === true && options.noStore === true))
      return this.#bypass(request, call, options);
    const key = await givenKey(options.key, () => this.key(request, options.scope ?? ''));
    if (options.noCache === true) return this.#refresh(key, request, call, options);
    if (options.noStore === true) return this.#lookupOnly(key, request, call, options);
    return this.#getOrCall(key, request, call, options);
  }

  /** Running totals. */
  stats(): ResponseCacheStats {
    return { ...this.#stats };
  }

  async #getOrCall(
    key: string,
    request: CompletionRequest,
    call: CompleteCall,
    options: ResponseCallOptions,
  ): Promise<ResponseOutcome> {
    let ran = false;
    const factory = async ({ signal }: { signal: AbortSignal }) => {
      ran = true;
      const response = await timed(call, request, signal);
      if (response.result.finishReason === 'error') throw new Uncacheable(response);
      return response;
    };
    const ttl = options.ttl ?? this.#ttlFor(request);
    try {
      const response = await this.#cache.getOrSet(
        key,
        factory,
        options.signal ? { ttl, signal: options.signal } : { ttl },
      );
      return ran ? this.#miss(response) : this.#hit(response);
    } catch (error) {
      if (error instanceof Uncacheable)
        return ran ? this.#miss(error.response) : this.#hit(error.response);
      throw error;
    }
  }

  async #refresh(
    key: string,
    request: CompletionRequest,
    call: CompleteCall,
    options: ResponseCallOptions,
  ): Promise<ResponseOutcome> {
    const response = await timed(call, request, options.signal);
    if (response.result.finishReason !== 'error') {
      await this.#cache.set(key, response, { ttl: options.ttl ?? this.#ttlFor(request) });
    }
    return this.#miss(response);
  }

  async #lookupOnly(
    key: string,
    request: CompletionRequest,
    call: CompleteCall,
    options: ResponseCallOptions,
  ): Promise<ResponseOutcome> {
    const found = await this.#cache.get<CachedResponse>(key);
    if (found !== undefined) return this.#hit(found);
    return this.#miss(await timed(call, request, options.signal));
  }

  async #bypass(
    request: CompletionRequest,
    call: CompleteCall,
    options: ResponseCallOptions,
  ): Promise<ResponseOutcome> {
    this.#stats.bypassed++;
    return { result: await call(request, options.signal), cached: false };
  }

  #miss(response: CachedResponse): ResponseOutcome {
    this.#stats.misses++;
    return { result: response.result, cached: false };
  }

  #hit(response: CachedResponse): ResponseOutcome {
    const { result, latencyMs } = response;
    const saved = savingsOf(this.#prices, result.model, result.usage, latencyMs);
    const stats = this.#stats;
    stats.hits++;
    stats.savedInputTokens += saved.inputTokens;
    stats.savedOutputTokens += saved.outputTokens;
    stats.savedMs += saved.timeMs;
    stats.savedCost += saved.cost ?? 0;
    return { result, cached: true, saved };
  }

  #ttlFor(request: CompletionRequest): number {
    const ttl = this.#ttl;
    if (typeof ttl === 'number') return ttl;
    if (typeof ttl === 'function') return ttl(request.temperature);
    return (request.temperature ?? 0) <= 0 ? DAY : HOUR;
  }
}

async function timed(
  call: CompleteCall,
  request: CompletionRequest,
  signal: AbortSignal | undefined,
): Promise<CachedResponse> {
  const started = performance.now();
  const result = await call(request, signal);
  return { result, latencyMs: performance.now() - started };
}
