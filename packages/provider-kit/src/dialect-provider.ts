import type { HttpPool } from '@hotpath/pool';
import { type KnownKeys, knownKeys } from '@hotpath/protocol';
import { dialectCalls, type ProviderDialect } from './dialect.ts';
import { assertOptionsObject } from './errors.ts';
import { createHttpProvider, type HttpProvider } from './http-provider.ts';
import type { RateLimitInfo } from './rate-limit-headers.ts';
import type { RateLimitRetryOptions } from './rate-limit-retry.ts';

/** The options every dialect provider takes (the provider plugins add their own). */
export interface DialectProviderOptions {
  /** The API's base URL, as the provider's SDK takes it. @default the dialect's `defaultBaseURL` */
  readonly baseURL?: string | undefined;
  /** The API key, sent in the dialect's `authHeaders` and redacted from every error. */
  readonly apiKey?: string | undefined;
  /** Extra headers on every request. */
  readonly headers?: { readonly [name: string]: string } | undefined;
  /** A shared `@hotpath/pool` HTTP pool; the provider creates its own when omitted. */
  readonly pool?: HttpPool | undefined;
  /** The provider's (and plugin's) name in errors and events. @default the dialect's `name` */
  readonly name?: string | undefined;
  /** Called with the rate-limit headers of every response that carries them, 429s included. */
  readonly onRateLimit?: ((info: RateLimitInfo) => void) | undefined;
  /**
   * How a call refused with a 429 is retried, after the wait the API asked for.
   * @default { retries: 1, maxWaitMs: 10_000, fallbackWaitMs: 1_000 }: one retry, if the wait asked for is at most 10 s
   */
  readonly rateLimitRetry?: RateLimitRetryOptions | undefined;
}

/**
 * The keys of {@link DialectProviderOptions}. A provider plugin that adds its own options checks
 * them with `assertOptionsObject` and hands only these on.
 */
export const DIALECT_PROVIDER_OPTIONS: KnownKeys = knownKeys<DialectProviderOptions>({
  baseURL: true,
  apiKey: true,
  headers: true,
  pool: true,
  name: true,
  onRateLimit: true,
  rateLimitRetry: true,
});

/**
 * A provider that speaks `dialect` over a pooled keep-alive transport: the key in the dialect's
 * `authHeaders`, then the dialect's own `headers`, then `apiHeaders` (the plugin's, such as
 * `anthropic-version`), then the caller's `headers`.
 *
 * @param dialect - the API's wire format
 * @param options - the common options
 * @param apiHeaders - headers the plugin adds from its own options
 * @example
 * ```ts
 * const provider = createDialectProvider(openaiDialect, { apiKey, rateLimitRetry: { retries: 1 } });
 * ```
 */
export function createDialectProvider(
  dialect: ProviderDialect,
  options: DialectProviderOptions,
  apiHeaders: { readonly [name: string]: string } = {},
): HttpProvider {
  assertOptionsObject(`${dialect.name} provider`, options, DIALECT_PROVIDER_OPTIONS);
  const { apiKey } = options;
  return createHttpProvider({
    transport: {
      provider: options.name ?? dialect.name,
      baseURL: dialect.apiRoot(options.baseURL ?? dialect.defaultBaseURL),
      headers: {
        ...(apiKey ? dialect.authHeaders(apiKey) : {}),
        ...dialect.headers,
        ...apiHeaders,
        ...options.headers,
      },
      secrets: apiKey ? [apiKey] : [],
      pool: options.pool,
    },
    ...dialectCalls(dialect),
    onRateLimit: options.onRateLimit,
    rateLimitRetry: options.rateLimitRetry,
  });
}
