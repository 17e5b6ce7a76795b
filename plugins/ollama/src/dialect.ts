import { mapAnswer, type ProviderDialect } from '@hotpath/provider-kit';
import { decodeOllama } from './decode.ts';
import { chatBody, embedBody } from './request-body.ts';
import { completionResult, embeddingResult } from './response.ts';

/** The credential header for an Ollama behind an authenticating proxy (Ollama itself has none). */
export function ollamaAuthHeaders(apiKey: string): { [name: string]: string } {
  return { authorization: `Bearer ${apiKey}` };
}

/**
 * Ollama's native dialect (`/api/chat` with NDJSON streams, `/api/embed`): the one place hotpath
 * knows its wire format. `createOllamaProvider` is this dialect over a pooled transport; use it
 * directly to speak the API with another HTTP client. For Ollama's OpenAI-compatible `/v1`, use
 * `openaiDialect` from `@hotpath/plugin-openai`.
 *
 * @example
 * ```ts
 * const request = { model: 'llama3.2', messages: [{ role: 'user' as const, content: 'Hi' }] };
 * const res = await fetch(`${ollamaDialect.apiRoot(ollamaDialect.defaultBaseURL)}${ollamaDialect.chat.path}`, {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify(ollamaDialect.chat.body(request, false)),
 * });
 * const answer = ollamaDialect.chat.result(await res.json(), request);
 * ```
 */
export const ollamaDialect: ProviderDialect = {
  name: 'ollama',
  defaultBaseURL: 'http://127.0.0.1:11434',
  apiRoot: (baseURL) => `${baseURL.replace(/\/+$/, '')}/api`,
  headers: {},
  authHeaders: ollamaAuthHeaders,
  chat: {
    path: '/chat',
    body: chatBody,
    result: (wire, request) => mapAnswer('ollama', () => completionResult(wire, request)),
    decode: decodeOllama,
  },
  embed: {
    path: '/embed',
    body: embedBody,
    result: (wire, request) => mapAnswer('ollama', () => embeddingResult(wire, request)),
  },
};
