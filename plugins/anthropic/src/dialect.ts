import { mapAnswer, type ProviderDialect } from '@hotpath/provider-kit';
import { decodeAnthropic } from './decode.ts';
import { messagesBody } from './request-body.ts';
import { completionResult } from './response.ts';

/** The `anthropic-version` hotpath speaks unless told otherwise. */
export const ANTHROPIC_VERSION = '2023-06-01';

/** The credential header of the Anthropic API. */
export function anthropicAuthHeaders(apiKey: string): { [name: string]: string } {
  return { 'x-api-key': apiKey };
}

/**
 * The Anthropic Messages dialect: the one place hotpath knows its wire format (the `x-api-key`
 * and `anthropic-version` headers, the `/v1/messages` body with its required `max_tokens`,
 * content blocks, SSE events, stop reasons and cache usage). `createAnthropicProvider` is this
 * dialect over a pooled transport; use it directly to speak the API with another HTTP client,
 * or to forward a client's key (`anthropicDialect.authHeaders(key)`). It has no embeddings.
 *
 * @example
 * ```ts
 * const request = { model: 'claude-sonnet-4-5', messages: [{ role: 'user' as const, content: 'Hi' }] };
 * const res = await fetch(`${anthropicDialect.apiRoot(baseURL)}${anthropicDialect.chat.path}`, {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json', ...anthropicDialect.headers, ...anthropicDialect.authHeaders(apiKey) },
 *   body: JSON.stringify(anthropicDialect.chat.body(request, false)), // max_tokens defaults to DEFAULT_MAX_TOKENS
 * });
 * const answer = anthropicDialect.chat.result(await res.json(), request);
 * ```
 */
export const anthropicDialect: ProviderDialect = {
  name: 'anthropic',
  defaultBaseURL: 'https://api.anthropic.com',
  apiRoot: (baseURL) => `${baseURL.replace(/\/+$/, '')}/v1`,
  headers: { 'anthropic-version': ANTHROPIC_VERSION },
  authHeaders: anthropicAuthHeaders,
  chat: {
    path: '/messages',
    body: messagesBody,
    result: (wire, request) => mapAnswer('anthropic', () => completionResult(wire, request)),
    decode: decodeAnthropic,
  },
};
