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
import { openaiAuthHeaders, openaiDialect } from './dialect.ts';

/** Options for {@link createOpenAIProvider}. */
export interface OpenAIProviderOptions {
  /**
   * The API root. OpenAI: `https://api.openai.com/v1`; vLLM, llama.cpp, LM Studio: `http://host:port/v1`;
   * Ollama: `http://localhost:11434/v1`.
   * @default 'https://api.openai.com/v1'
   */
  readonly baseURL?: string;
  /** Bearer token. @default process.env.OPENAI_API_KEY */
  readonly apiKey?: string;
  readonly organization?: string;
  readonly project?: string;
  /** Extra headers on every request. */
  readonly headers?: { readonly [name: string]: string };
  /** A shared `@hotpath/pool` HTTP pool; the provider creates its own when omitted. */
  readonly pool?: HttpPool;
  /** The provider's (and plugin's) name in errors and events. @default 'openai' */
  readonly name?: string;
  /** Called with the rate-limit headers of every response that carries them, 429s included. */
  readonly onRateLimit?: (info: RateLimitInfo) => void;
  /**
   * How a call refused with a 429 is retried, after the wait the server asked for.
   * @default { retries: 0, maxWaitMs: 10_000, fallbackWaitMs: 1_000 }: a 429 is passed on at once
   */
  readonly rateLimitRetry?: RateLimitRetryOptions;
}

function authHeaders(
  options: OpenAIProviderOptions,
  apiKey: string | undefined,
): Record<string, string> {
  return {
    ...(apiKey ? openaiAuthHeaders(apiKey) : {}),
    ...(options.organization ? { 'openai-organization': options.organization } : {}),
    ...(options.project ? { 'openai-project': options.project } : {}),
    ...options.headers,
  };
}

/**
 * Creates a provider for any OpenAI-compatible server: OpenAI, vLLM,
 * llama.cpp, LM Studio, or Ollama's `/v1`. Usable with or without the host.
 *
 * @example
 * ```ts
 * await using openai = createOpenAIProvider({ apiKey: process.env.OPENAI_API_KEY });
 * const answer = await openai.complete({ model: 'gpt-4o-mini', messages });
 * ```
 */
export function createOpenAIProvider(options: OpenAIProviderOptions = {}): HttpProvider {
  assertOptionsObject('createOpenAIProvider', options);
  const apiKey = options.apiKey ?? process.env.OPENAI_API_KEY;
  return createHttpProvider({
    transport: {
      provider: options.name ?? 'openai',
      baseUrl: openaiDialect.apiRoot(options.baseURL ?? openaiDialect.defaultBaseURL),
      headers: authHeaders(options, apiKey),
      secrets: apiKey ? [apiKey] : [],
      pool: options.pool,
    },
    ...dialectCalls(openaiDialect),
    onRateLimit: options.onRateLimit,
    rateLimitRetry: options.rateLimitRetry,
  });
}

/** A host plugin providing an OpenAI-compatible provider as the `provider` service. */
export function openaiPlugin(options: OpenAIProviderOptions = {}): Plugin {
  return providerPlugin(options.name ?? 'openai', () => createOpenAIProvider(options));
}
