import { describeValue } from '@hotpath/protocol';
import { mapAnswer, ProviderArgumentError, type ProviderDialect } from '@hotpath/provider-kit';
import { decodeOpenAI } from './decode.ts';
import { chatBody, embeddingsBody, type MaxTokensField } from './request-body.ts';
import { completionResult, embeddingResult } from './response.ts';

/** The credential header of OpenAI-compatible APIs. */
export function openaiAuthHeaders(apiKey: string): { [name: string]: string } {
  return { authorization: `Bearer ${apiKey}` };
}

/** Options for {@link createOpenAIDialect}. */
export interface OpenAIDialectOptions {
  /**
   * The body field that carries `maxTokens`: OpenAI's `max_completion_tokens`, or `max_tokens`
   * for an older compatible server that does not know the new name.
   * @default 'max_completion_tokens'
   */
  readonly maxTokensField?: MaxTokensField;
}

/**
 * The OpenAI Chat Completions dialect with `options`: {@link openaiDialect} is this with the
 * defaults. Any other field name is refused with `HOTPATH_PROVIDER_INVALID_ARGUMENT`.
 */
export function createOpenAIDialect(options: OpenAIDialectOptions = {}): ProviderDialect {
  const maxTokensField = options.maxTokensField ?? 'max_completion_tokens';
  if (maxTokensField !== 'max_completion_tokens' && maxTokensField !== 'max_tokens')
    throw new ProviderArgumentError(
      `createOpenAIDialect(options.maxTokensField): expected 'max_completion_tokens' or 'max_tokens', got ${describeValue(maxTokensField)}`,
    );
  return {
    name: 'openai',
    defaultBaseURL: 'https://api.openai.com/v1',
    apiRoot: (baseURL) => baseURL.replace(/\/+$/, ''),
    headers: {},
    authHeaders: openaiAuthHeaders,
    chat: {
      path: '/chat/completions',
      body: (request, stream) => chatBody(request, stream, maxTokensField),
      result: (wire, request) => mapAnswer('openai', () => completionResult(wire, request)),
      decode: decodeOpenAI,
    },
    embed: {
      path: '/embeddings',
      body: embeddingsBody,
      result: (wire, request) => mapAnswer('openai', () => embeddingResult(wire, request)),
    },
  };
}

/**
 * The OpenAI Chat Completions dialect, spoken by OpenAI and every compatible server (vLLM,
 * llama.cpp, LM Studio, OpenRouter, DeepSeek, Ollama's `/v1`): the one place hotpath knows
 * its wire format. `createOpenAIProvider` is this dialect over a pooled transport; use it
 * directly to speak the API with another HTTP client, or to forward a client's key
 * (`openaiDialect.authHeaders(key)`).
 *
 * @example
 * ```ts
 * const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Hi' }] };
 * const res = await fetch(`${openaiDialect.apiRoot(baseURL)}${openaiDialect.chat.path}`, {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json', ...openaiDialect.authHeaders(apiKey) },
 *   body: JSON.stringify(openaiDialect.chat.body(request, false)),
 * });
 * const answer = openaiDialect.chat.result(await res.json(), request);
 * ```
 */
export const openaiDialect: ProviderDialect = createOpenAIDialect();
