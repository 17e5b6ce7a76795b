import type { HttpPool } from '@hotpath/pool';
import type { Plugin } from '@hotpath/protocol';
import {
  assertOptionsObject,
  createHttpProvider,
  dialectCalls,
  type HttpProvider,
  providerPlugin,
  type RateLimitRetryOptions,
} from '@hotpath/provider-kit';
import { ollamaAuthHeaders, ollamaDialect } from './dialect.ts';

/** Options for {@link createOllamaProvider}. */
export interface OllamaProviderOptions {
  /** The server root. @default process.env.OLLAMA_HOST ?? 'http://127.0.0.1:11434' */
  readonly baseURL?: string;
  /** Bearer token, for an Ollama behind an authenticating proxy. */
  readonly apiKey?: string;
  /** Extra headers on every request. */
  readonly headers?: { readonly [name: string]: string };
  /** A shared `@hotpath/pool` HTTP pool; the provider creates its own when omitted. */
  readonly pool?: HttpPool;
  /** The provider's (and plugin's) name in errors and events. @default 'ollama' */
  readonly name?: string;
  /**
   * How a call refused with a 429 (from a proxy in front of Ollama) is retried.
   * @default { retries: 0, maxWaitMs: 10_000, fallbackWaitMs: 1_000 }: a 429 is passed on at once
   */
  readonly rateLimitRetry?: RateLimitRetryOptions;
}

/**
 * Creates a provider for Ollama's native API (`/api/chat`, `/api/embed`).
 * For its OpenAI-compatible `/v1`, use `@hotpath/plugin-openai` instead.
 *
 * @example
 * ```ts
 * await using ollama = createOllamaProvider();
 * const answer = await ollama.complete({ model: 'llama3.2', messages });
 * ```
 */
export function createOllamaProvider(options: OllamaProviderOptions = {}): HttpProvider {
  assertOptionsObject('createOllamaProvider', options);
  const baseURL = options.baseURL ?? process.env.OLLAMA_HOST ?? ollamaDialect.defaultBaseURL;
  return createHttpProvider({
    transport: {
      provider: options.name ?? 'ollama',
      baseUrl: ollamaDialect.apiRoot(baseURL),
      headers: {
        ...(options.apiKey ? ollamaAuthHeaders(options.apiKey) : {}),
        ...options.headers,
      },
      secrets: options.apiKey ? [options.apiKey] : [],
      pool: options.pool,
    },
    ...dialectCalls(ollamaDialect),
    rateLimitRetry: options.rateLimitRetry,
  });
}

/** A host plugin providing the Ollama provider as the `provider` service. */
export function ollamaPlugin(options: OllamaProviderOptions = {}): Plugin {
  return providerPlugin(options.name ?? 'ollama', () => createOllamaProvider(options));
}
