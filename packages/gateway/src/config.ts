import { type KnownKeys, knownKeys, unknownKeyMessage } from '@hotpath/protocol';
import { GatewayConfigError } from './errors.ts';

/** The wire protocol an upstream speaks. */
export type UpstreamType = 'openai' | 'anthropic' | 'ollama';

/** One upstream server. */
export interface UpstreamConfig {
  /** `openai` (any OpenAI-compatible server: OpenAI, vLLM, llama.cpp, LM Studio …), `anthropic` or `ollama` (native API). */
  readonly type: UpstreamType;
  /**
   * The API root.
   * @default the provider's public API (`https://api.openai.com/v1`, `https://api.anthropic.com`, `http://127.0.0.1:11434`)
   */
  readonly baseURL?: string;
  /**
   * The upstream's API key. When an upstream has none, each client's own key (its
   * `Authorization: Bearer …`) is passed upstream instead.
   */
  readonly apiKey?: string;
  /** Name of an environment variable holding the API key (handy in JSON configs). */
  readonly apiKeyEnv?: string;
  /** Extra headers sent upstream on every request. */
  readonly headers?: { readonly [name: string]: string };
  /**
   * Longest wait for the upstream's response headers, in ms. A non-streaming answer's headers
   * come once it is generated, so this bounds a whole non-streaming call. Past it: a 504
   * `upstream_timeout` (or the next upstream of the model's fallback order).
   * @default 900000 (15 min: reasoning models can think for minutes)
   */
  readonly headersTimeoutMs?: number;
  /**
   * Longest silence between two chunks of the upstream's body, in ms: a stream's first token
   * and every gap after it. Past it, a stream that has started ends with an `upstream_timeout`
   * error frame (and is not cached); one that has not falls back or gets a 504.
   * @default 300000
   */
  readonly bodyTimeoutMs?: number;
  /** Longest wait to open a connection (TCP and TLS), in ms. @default 10000 */
  readonly connectTimeoutMs?: number;
}

/** One upstream a model can be served by, optionally under another model name. */
export interface UpstreamTarget {
  /** A key of `upstreams`. */
  readonly upstream: string;
  /** The model name sent upstream. @default the requested model name */
  readonly model?: string;
}

/** Where a model is served: upstreams in fallback order. */
export interface ModelRoute {
  /** Tried in order: the next one is used when one is down, answers 5xx, or 429s after its retries. */
  readonly upstreams: readonly (string | UpstreamTarget)[];
}

/** A model's route: one upstream name, a fallback list, or a {@link ModelRoute}. */
export type ModelConfig = string | readonly (string | UpstreamTarget)[] | ModelRoute;

/** The response cache. */
export interface GatewayCacheConfig {
  /** The embedded SQLite file of the L2 (ignored with Redis). @default '.hotpath/cache.sqlite' under the working directory */
  readonly path?: string;
  /** Entries kept in memory (L1). @default 10000 */
  readonly maxEntries?: number;
  /** Requests at or below this temperature (or with a `seed`) are cached. @default 0 */
  readonly maxTemperature?: number;
  /** Cache every completion, deterministic or not. @default false */
  readonly force?: boolean;
  /** Lifetime of a cached answer in ms. @default 24 h at temperature 0 (or seeded), 1 h above */
  readonly ttlMs?: number;
}

/** Limits on the calls the gateway sends upstream (shared through Redis when `redis` is set). */
export interface GatewayRateLimitConfig {
  /** Upstream requests per minute. */
  readonly requestsPerMinute?: number;
  /** Upstream tokens per minute (prompt estimate + `max_tokens`, settled with the real usage). */
  readonly tokensPerMinute?: number;
}

/** The gateway configuration, as `hotpath.config.ts` or `.json` exports it. */
export interface GatewayConfig {
  /** Upstream servers by name. */
  readonly upstreams: { readonly [name: string]: UpstreamConfig };
  /** The models clients may ask for, by name, and the upstreams serving them. */
  readonly models: { readonly [model: string]: ModelConfig };
  /** Response cache options, or `false` to turn caching off. @default an L1 + embedded SQLite cache */
  readonly cache?: GatewayCacheConfig | false;
  /**
   * `redis://…` URL shared by every instance: Redis L2 cache, L1 invalidation bus and shared
   * rate limits. The `redis` option of `startGateway()` overrides it.
   */
  readonly redis?: string;
  /** Upstream rate limits. @default none */
  readonly rateLimit?: GatewayRateLimitConfig;
  /**
   * Largest accepted request body, in bytes: a larger one gets a 413, before its body is read
   * when it declares its length (at once, without `100 Continue`, for `Expect: 100-continue`).
   * @default 1048576 (1 MiB)
   */
  readonly bodyLimit?: number;
  /**
   * Client connections served at once. A connection opened past the cap has its request
   * answered with a 503 (`too_many_connections`, `retry-after: 1`) and is closed. Each client
   * connection may also hold an upstream one: keep `ulimit -n` above twice this.
   * @default 1024
   */
  readonly maxConnections?: number;
  /** Time a client has to send a request's headers, in ms (slow-header attacks); then a 408. @default 10000 */
  readonly headersTimeoutMs?: number;
  /** Time a client has to send a whole request, headers and body, in ms; then a 408. Answers may stream for longer. @default 60000 */
  readonly requestTimeoutMs?: number;
  /**
   * How long an idle keep-alive connection stays open for the next request, in ms. Behind a
   * load balancer, set it above the balancer's own idle timeout.
   * @default 5000
   */
  readonly keepAliveTimeoutMs?: number;
  /** How long `close()` waits for in-flight requests and streams, in ms. @default 10000 */
  readonly drainTimeoutMs?: number;
  /** Retries of a 429 on the same upstream before falling back to the next. @default 1 */
  readonly retries?: number;
  /** Longest `Retry-After` the gateway waits out itself; longer ones fall back at once. @default 2000 */
  readonly maxRetryWaitMs?: number;
  /** Serve Prometheus metrics on `GET /metrics`. @default true */
  readonly metrics?: boolean;
}

/**
 * Returns `config` unchanged: the typed way to write `hotpath.config.ts`.
 * @example
 * ```ts
 * import { defineConfig } from '@hotpath/gateway';
 * export default defineConfig({
 *   upstreams: { openai: { type: 'openai', apiKeyEnv: 'OPENAI_API_KEY' } },
 *   models: { 'gpt-4o-mini': 'openai' },
 * });
 * ```
 */
export function defineConfig(config: GatewayConfig): GatewayConfig {
  return config;
}

const TYPES: ReadonlySet<string> = new Set(['openai', 'anthropic', 'ollama']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CONFIG_KEYS: KnownKeys = knownKeys<GatewayConfig>({
  upstreams: true,
  models: true,
  cache: true,
  redis: true,
  rateLimit: true,
  bodyLimit: true,
  maxConnections: true,
  headersTimeoutMs: true,
  requestTimeoutMs: true,
  keepAliveTimeoutMs: true,
  drainTimeoutMs: true,
  retries: true,
  maxRetryWaitMs: true,
  metrics: true,
});
const UPSTREAM_KEYS: KnownKeys = knownKeys<UpstreamConfig>({
  type: true,
  baseURL: true,
  apiKey: true,
  apiKeyEnv: true,
  headers: true,
  headersTimeoutMs: true,
  bodyTimeoutMs: true,
  connectTimeoutMs: true,
});
/** The per-upstream timeouts, named as `@hotpath/pool` names them. */
export const UPSTREAM_TIMEOUTS = ['headersTimeoutMs', 'bodyTimeoutMs', 'connectTimeoutMs'] as const;
const TARGET_KEYS: KnownKeys = knownKeys<UpstreamTarget>({ upstream: true, model: true });
const ROUTE_KEYS: KnownKeys = knownKeys<ModelRoute>({ upstreams: true });
const CACHE_KEYS: KnownKeys = knownKeys<GatewayCacheConfig>({
  path: true,
  maxEntries: true,
  maxTemperature: true,
  force: true,
  ttlMs: true,
});
const RATE_LIMIT_KEYS: KnownKeys = knownKeys<GatewayRateLimitConfig>({
  requestsPerMinute: true,
  tokensPerMinute: true,
});

/**
 * Rejects a field `known` does not list, so a misspelt or renamed one (`ttl` for `ttlMs`,
 * `baseUrl` for `baseURL`) is never silently ignored; the message names the new spelling.
 */
function checkKeys(value: Record<string, unknown>, known: KnownKeys, path: string): void {
  for (const key of Object.keys(value)) {
    if (!known.has(key))
      throw new GatewayConfigError(
        path === 'config' ? key : `${path}.${key}`,
        unknownKeyMessage(key, known, path),
      );
  }
}

function optional(
  value: unknown,
  field: string,
  check: (v: unknown) => boolean,
  expected: string,
): void {
  if (value !== undefined && !check(value)) throw new GatewayConfigError(field, expected, value);
}

const isString = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const isPositive = (v: unknown): boolean => typeof v === 'number' && v > 0 && Number.isFinite(v);
const isCount = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
const isPositiveInteger = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 1;
const isNonNegative = (v: unknown): boolean =>
  typeof v === 'number' && v >= 0 && Number.isFinite(v);
const isUrl = (v: unknown): boolean => typeof v === 'string' && /^https?:\/\/[^\s]+$/.test(v);

/** An HTTP field name (RFC 9110 §5.1: a token). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** An HTTP field value: visible characters, spaces and tabs; no CR, LF or NUL. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Every header can be sent: a bad one would otherwise fail each call as an unreachable upstream. */
function checkHeaders(headers: Record<string, unknown>, field: string): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name))
      throw new GatewayConfigError(`${field}.${name}`, 'a header name (letters, digits, -)', name);
    if (typeof value !== 'string' || !HEADER_VALUE.test(value))
      throw new GatewayConfigError(
        `${field}.${name}`,
        'a header value: a string on one line',
        value,
      );
  }
}

function checkUpstream(name: string, value: unknown): void {
  const field = `upstreams.${name}`;
  if (!isObject(value)) throw new GatewayConfigError(field, 'an object', value);
  checkKeys(value, UPSTREAM_KEYS, field);
  if (!TYPES.has(value.type as string))
    throw new GatewayConfigError(`${field}.type`, "'openai', 'anthropic' or 'ollama'", value.type);
  optional(value.baseURL, `${field}.baseURL`, isUrl, 'an http(s) URL');
  optional(value.apiKey, `${field}.apiKey`, isString, 'a non-empty string');
  optional(value.apiKeyEnv, `${field}.apiKeyEnv`, isString, 'an environment variable name');
  optional(value.headers, `${field}.headers`, isObject, 'an object of header values');
  if (isObject(value.headers)) checkHeaders(value.headers, `${field}.headers`);
  for (const timeout of UPSTREAM_TIMEOUTS)
    optional(value[timeout], `${field}.${timeout}`, isPositive, 'a positive number of ms');
}

function checkTarget(field: string, target: unknown, upstreams: Record<string, unknown>): void {
  const name = isObject(target) ? target.upstream : target;
  if (typeof name !== 'string' || !Object.hasOwn(upstreams, name))
    throw new GatewayConfigError(field, 'the name of an upstream in `upstreams`', name);
  if (isObject(target)) checkKeys(target, TARGET_KEYS, field);
  if (isObject(target)) optional(target.model, `${field}.model`, isString, 'a model name');
}

function checkModel(model: string, value: unknown, upstreams: Record<string, unknown>): void {
  const field = `models.${model}`;
  const list = isObject(value) ? value.upstreams : typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0)
    throw new GatewayConfigError(
      field,
      'an upstream name, a non-empty list of them, or { upstreams }',
      value,
    );
  if (isObject(value)) checkKeys(value, ROUTE_KEYS, field);
  const indexed = Array.isArray(value) || isObject(value);
  for (const [i, target] of list.entries()) {
    checkTarget(`${field}${indexed ? `.upstreams[${i}]` : ''}`, target, upstreams);
  }
}

function checkCache(cache: unknown): void {
  if (cache === undefined || cache === false) return;
  if (!isObject(cache)) throw new GatewayConfigError('cache', 'an object or false', cache);
  checkKeys(cache, CACHE_KEYS, 'cache');
  optional(cache.path, 'cache.path', isString, 'a file path');
  optional(cache.maxEntries, 'cache.maxEntries', isPositive, 'a positive number');
  optional(cache.maxTemperature, 'cache.maxTemperature', isNonNegative, 'a number ≥ 0');
  optional(cache.force, 'cache.force', (v) => typeof v === 'boolean', 'a boolean');
  optional(cache.ttlMs, 'cache.ttlMs', isPositive, 'a positive number of ms');
}

function checkLimits(config: Record<string, unknown>): void {
  const rate = config.rateLimit;
  optional(rate, 'rateLimit', isObject, 'an object');
  if (isObject(rate)) {
    checkKeys(rate, RATE_LIMIT_KEYS, 'rateLimit');
    optional(
      rate.requestsPerMinute,
      'rateLimit.requestsPerMinute',
      isPositive,
      'a positive number',
    );
    optional(rate.tokensPerMinute, 'rateLimit.tokensPerMinute', isPositive, 'a positive number');
  }
  optional(
    config.redis,
    'redis',
    (v) => typeof v === 'string' && /^rediss?:\/\//.test(v),
    'a redis:// URL',
  );
  optional(config.bodyLimit, 'bodyLimit', isPositive, 'a positive number of bytes');
  optional(config.maxConnections, 'maxConnections', isPositiveInteger, 'an integer ≥ 1');
  optional(config.headersTimeoutMs, 'headersTimeoutMs', isPositive, 'a positive number of ms');
  optional(config.requestTimeoutMs, 'requestTimeoutMs', isPositive, 'a positive number of ms');
  optional(config.keepAliveTimeoutMs, 'keepAliveTimeoutMs', isPositive, 'a positive number of ms');
  optional(config.drainTimeoutMs, 'drainTimeoutMs', isNonNegative, 'a number of ms ≥ 0');
  optional(config.retries, 'retries', isCount, 'an integer ≥ 0');
  optional(config.maxRetryWaitMs, 'maxRetryWaitMs', isNonNegative, 'a number of ms ≥ 0');
  optional(config.metrics, 'metrics', (v) => typeof v === 'boolean', 'a boolean');
}

/**
 * Throws a {@link GatewayConfigError} naming the first bad field of `config`.
 * @example
 * ```ts
 * validateConfig(JSON.parse(text)); // throws with err.field === 'models.gpt-4o.upstreams[0]'
 * ```
 */
export function validateConfig(config: unknown): asserts config is GatewayConfig {
  if (!isObject(config)) throw new GatewayConfigError('config', 'an object', config);
  checkKeys(config, CONFIG_KEYS, 'config');
  const { upstreams, models } = config;
  if (!isObject(upstreams) || Object.keys(upstreams).length === 0)
    throw new GatewayConfigError('upstreams', 'an object with at least one upstream', upstreams);
  for (const [name, upstream] of Object.entries(upstreams)) checkUpstream(name, upstream);
  if (!isObject(models) || Object.keys(models).length === 0)
    throw new GatewayConfigError('models', 'an object with at least one model', models);
  for (const [model, route] of Object.entries(models)) checkModel(model, route, upstreams);
  checkCache(config.cache);
  checkLimits(config);
}
