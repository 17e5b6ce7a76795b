import type { HttpPool } from '@hotpath/pool';
import type { Plugin } from '@hotpath/protocol';
import {
  assertOptionsObject,
  createHttpProvider,
  dialectCalls,
  type HttpProvider,
  providerPlugin,
  type RateLimitInfo,
  type RateLimitRetryOptions,
} from '@hotpath/provider-kit';
import { ANTHROPIC_VERSION, anthropicAuthHeaders, anthropicDialect } from './dialect.ts';

/** Options for {@link createAnthropicProvider}. */
export interface AnthropicProviderOptions {
  /** The API root. @default 'https://api.anthropic.com' */
  readonly baseURL?: string;
  /** `x-api-key`. @default process.env.ANTHROPIC_API_KEY */
  readonly apiKey?: string;
  /** `anthropic-version`. @default '2023-06-01' */
  readonly version?: string;
  /** `anthropic-beta` features, comma-joined. */
  readonly beta?: readonly string[];
  /** Extra headers on every request. */
  readonly headers?: { readonly [name: string]: string };
  /** A shared `@hotpath/pool` HTTP pool; the provider creates its own when omitted. */
  readonly pool?: HttpPool;
  /** The provider's (and plugin's) name in errors and events. @default 'anthropic' */
  readonly name?: string;
  /** Called with the rate-limit headers of every response that carries them, 429s included. */
  readonly onRateLimit?: (info: RateLimitInfo) => void;
  /**
   * How a call refused with a 429 is retried, after the wait the API asked for.
   * @default { retries: 0, maxWaitMs: 10_000, fallbackWaitMs: 1_000 }: a 429 is passed on at once
   */
  readonly rateLimitRetry?: RateLimitRetryOptions;
}

/**
 * Creates a provider for Anthropic's Messages API. Anthropic offers no
 * embeddings API, so `embed` rejects with `HOTPATH_PROVIDER_UNSUPPORTED`.
 *
 * @example
 * ```ts
 * await using claude = createAnthropicProvider({ apiKey: process.env.ANTHROPIC_API_KEY });
 * for await (const delta of claude.stream({ model: 'claude-sonnet-4-5', messages })) …
 * ```
 */
export function createAnthropicProvider(options: AnthropicProviderOptions = {}): HttpProvider {
  assertOptionsObject('createAnthropicProvider', options);
  const apiKey = options.apiKey ?? process.env.ANTHROPIC_API_KEY;
  return createHttpProvider({
    transport: {
      provider: options.name ?? 'anthropic',
      baseUrl: anthropicDialect.apiRoot(options.baseURL ?? anthropicDialect.defaultBaseURL),
      headers: {
        ...(apiKey ? anthropicAuthHeaders(apiKey) : {}),
        'anthropic-version': options.version ?? ANTHROPIC_VERSION,
        ...(options.beta?.length ? { 'anthropic-beta': options.beta.join(',') } : {}),
        ...options.headers,
      },
      secrets: apiKey ? [apiKey] : [],
      pool: options.pool,
    },
    ...dialectCalls(anthropicDialect),
    onRateLimit: options.onRateLimit,
    rateLimitRetry: options.rateLimitRetry,
  });
}

/** A host plugin providing the Anthropic provider as the `provider` service. */
export function anthropicPlugin(options: AnthropicProviderOptions = {}): Plugin {
  return providerPlugin(options.name ?? 'anthropic', () => createAnthropicProvider(options));
}
