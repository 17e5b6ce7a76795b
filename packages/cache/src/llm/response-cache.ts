import {
  type CompletionRequest,
  type CompletionResult,
  checkKnownKeys,
  type KnownKeys,
  knownKeys,
} from '@hotpath/protocol';
import type { Cache } from '../cache.ts';
import type { CacheOutcome, GetOrSetStatus } from '../cache-options.ts';
import { argumentError, CacheArgumentError } from '../errors.ts';
import { frozen } from './frozen.ts';
import type { HashFunction } from './hash.ts';
import { OutcomeCounter, type OutcomeStats } from './outcome-stats.ts';
import { type PriceTable, type Savings, savingsOf } from './prices.ts';
import { checkRequest, Keyer } from './request-key.ts';

/** Options of {@link ResponseCache}. */
export interface ResponseCacheOptions {
  /** The multi-tier cache to store answers in (a namespace `llm:response` of it is used). */
  readonly cache: Cache;
  /** Hash of the canonical request. @default SHA-256 inline */
  readonly hash?: HashFunction;
  /** Requests at or below this temperature, or with a seed, are cached. @default 0 */
  readonly maxTemperature?: number;
  /** Time to live in ms, or a function of the temperature giving it. @default 24 h at temperature 0 (or seeded), 1 h otherwise */
  readonly ttlMs?: number | ((temperature: number | undefined) => number);
  /** Prices, so hits report the money they saved. */
  readonly prices?: PriceTable;
}

/** Per-request options of {@link ResponseCache.complete}. */
export interface ResponseCallOptions {
  /**
   * Tenant (an id, or a hash of the API key) the answer belongs to: part of the key, so tenants
   * never share answers. Any string; two scopes that differ in one code unit are two tenants.
   * @default ''
   */
  readonly scope?: string;
  /** Skip the lookup (still stores the fresh answer unless `noStore`). */
  readonly noCache?: boolean;
  /** Do not store this answer. */
  readonly noStore?: boolean;
  /** Time to live of this answer, in ms. */
  readonly ttlMs?: number;
  /** Cache even though the request is not deterministic. */
  readonly force?: boolean;
  readonly signal?: AbortSignal;
}

const OPTIONS: KnownKeys = knownKeys<ResponseCacheOptions>({
  cache: true,
  hash: true,
  maxTemperature: true,
  ttlMs: true,
  prices: true,
});
const CALL_OPTIONS: KnownKeys = knownKeys<ResponseCallOptions>({
  scope: true,
  noCache: true,
  noStore: true,
  ttlMs: true,
  force: true,
  signal: true,
});
const SET_OPTIONS: KnownKeys = knownKeys<Pick<ResponseCallOptions, 'scope' | 'ttlMs'>>({
  scope: true,
  ttlMs: true,
});

/** A stored answer: the result with the usage and latency of the original call. */
export interface CachedResponse {
  readonly result: CompletionResult;
  /** Latency of the original call, in ms. */
  readonly latencyMs: number;
}

/** What {@link ResponseCache.complete} returns. */
export interface ResponseOutcome {
  readonly result: CompletionResult;
  /**
   * How this caller got it: `hit` (a stored answer), `shared` (an identical call in flight
   * answered it), `miss` (its own upstream call), or `bypass` (not cacheable: the request is
   * not deterministic, or both `noCache` and `noStore` were asked).
   */
  readonly outcome: CacheOutcome | 'bypass';
  /** Tokens, time and money this answer saved: set on `hit` and `shared`. */
  readonly saved?: Savings;
}

/** Running totals of a response cache: its outcomes, what they saved, and the bypassed calls. */
export interface ResponseCacheStats extends OutcomeStats {
  /** Calls that were not cacheable and went upstream untouched. */
  readonly bypassed: number;
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
 * Caches chat completions under a versioned hash of the canonical request, scoped to a tenant:
 * it computes the key, runs concurrent identical requests as one upstream call, and reports
 * for each caller whether it was a `hit`, `shared` or `miss`, with what it saved. Only
 * deterministic requests by default.
 * @example
 * ```ts
 * const responses = new ResponseCache({ cache, prices: { 'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 } } });
 * const { result, outcome, saved } = await responses.complete(request, (req, signal) => provider.complete(req, { signal }), { scope: tenantId });
 * ```
 */
export class ResponseCache {
  readonly #cache: Cache;
  readonly #keys: Keyer;
  readonly #maxTemperature: number;
  readonly #ttlMs: ResponseCacheOptions['ttlMs'];
  readonly #prices: PriceTable | undefined;
  readonly #counter = new OutcomeCounter();
  #bypassed = 0;

  constructor(options: ResponseCacheOptions) {
    if (typeof options?.cache?.getOrSet !== 'function')
      throw new CacheArgumentError('options.cache', 'a Cache', options?.cache);
    checkKnownKeys(options, OPTIONS, 'options', argumentError);
    this.#cache = options.cache.namespace('llm:response');
    this.#keys = new Keyer(options.hash);
    this.#maxTemperature = options.maxTemperature ?? 0;
    this.#ttlMs = options.ttlMs;
    this.#prices = options.prices;
  }

  /** True when the request is cached by default: temperature ≤ `maxTemperature`, or a seed is set. */
  isDeterministic(request: CompletionRequest): boolean {
    const { temperature, seed } = request;
    return seed !== undefined || (temperature !== undefined && temperature <= this.#maxTemperature);
  }

  /** The cache key of a request in a scope (see `requestKey`). */
  key(request: CompletionRequest, scope = ''): string | Promise<string> {
    return this.#keys.request(request, scope);
  }

  /** The stored answer, or `undefined`. */
  async get(request: CompletionRequest, scope = ''): Promise<CachedResponse | undefined> {
    return this.#cache.get<CachedResponse>(await this.key(request, scope));
  }

  /** Stores an answer with the latency of the call that produced it. */
  async set(
    request: CompletionRequest,
    response: CachedResponse,
    options: Pick<ResponseCallOptions, 'scope' | 'ttlMs'> = {},
  ): Promise<void> {
    checkKnownKeys(options, SET_OPTIONS, 'options', argumentError);
    const key = await this.key(request, options.scope ?? '');
    await this.#cache.set(key, frozen(response), { ttlMs: options.ttlMs ?? this.#ttlFor(request) });
  }

  /** Answers from the cache, or calls the model once for all concurrent identical requests. */
  complete(
    request: CompletionRequest,
    call: CompleteCall,
    options: ResponseCallOptions = {},
  ): Promise<ResponseOutcome> {
    let key: string | Promise<string>;
    try {
      checkRequest(request);
      if (typeof call !== 'function') throw new CacheArgumentError('call', 'a function', call);
      checkKnownKeys(options, CALL_OPTIONS, 'options', argumentError);
      const cacheable = options.force === true || this.isDeterministic(request);
      if (!cacheable || (options.noCache === true && options.noStore === true))
        return this.#bypass(request, call, options);
      key = this.key(request, options.scope ?? '');
    } catch (error) {
      return Promise.reject(error);
    }
    // Not an async function: a hit, keyed synchronously by the default hash, takes no extra
    // turns of the microtask queue on its way out.
    if (typeof key === 'string') return this.#keyed(key, request, call, options);
    return key.then((k) => this.#keyed(k, request, call, options));
  }

  #keyed(
    key: string,
    request: CompletionRequest,
    call: CompleteCall,
    options: ResponseCallOptions,
  ): Promise<ResponseOutcome> {
    if (options.noCache === true) return this.#refresh(key, request, call, options);
    if (options.noStore === true) return this.#lookupOnly(key, request, call, options);
    return this.#getOrCall(key, request, call, options);
  }

  /** Running totals. */
  stats(): ResponseCacheStats {
    return { ...this.#counter.snapshot(), bypassed: this.#bypassed };
  }

  async #getOrCall(
    key: string,
    request: CompletionRequest,
    call: CompleteCall,
    options: ResponseCallOptions,
  ): Promise<ResponseOutcome> {
    const factory = async ({ signal }: { signal: AbortSignal }) => {
      const response = await timed(call, request, signal);
      if (response.result.finishReason === 'error') throw new Uncacheable(response);
      return frozen(response);
    };
    const ttlMs = options.ttlMs ?? this.#ttlFor(request);
    const status: GetOrSetStatus = {};
    const spec = options.signal ? { ttlMs, signal: options.signal, status } : { ttlMs, status };
    try {
      return this.#answer(await this.#cache.getOrSet(key, factory, spec), status.outcome);
    } catch (error) {
      if (error instanceof Uncacheable) return this.#answer(error.response, status.outcome);
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
      await this.#cache.set(key, frozen(response), {
        ttlMs: options.ttlMs ?? this.#ttlFor(request),
      });
    }
    return this.#answer(response, 'miss');
  }

  async #lookupOnly(
    key: string,
    request: CompletionRequest,
    call: CompleteCall,
    options: ResponseCallOptions,
  ): Promise<ResponseOutcome> {
    const found = await this.#cache.get<CachedResponse>(key);
    if (found !== undefined) return this.#answer(found, 'hit');
    return this.#answer(await timed(call, request, options.signal), 'miss');
  }

  async #bypass(
    request: CompletionRequest,
    call: CompleteCall,
    options: ResponseCallOptions,
  ): Promise<ResponseOutcome> {
    this.#bypassed++;
    return { result: await call(request, options.signal), outcome: 'bypass' };
  }

  /** Counts the outcome and, unless this caller made the upstream call, what it saved. */
  #answer(response: CachedResponse, outcome: CacheOutcome = 'miss'): ResponseOutcome {
    this.#counter.count(outcome);
    // An answer read back from L2 is a new object: frozen like the one stored (a no-op after).
    const { result } = outcome === 'miss' ? response : frozen(response);
    if (outcome === 'miss') return { result, outcome };
    const saved = savingsOf(this.#prices, result.model, result.usage, response.latencyMs);
    this.#counter.save(saved);
    return { result, outcome, saved };
  }

  #ttlFor(request: CompletionRequest): number {
    const ttl = this.#ttlMs;
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
