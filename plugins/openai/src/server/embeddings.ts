import type { EmbeddingRequest, EmbeddingResult } from '@hotpath/protocol';
import { invalidValue, unsupportedParameter } from '../errors.ts';
import { isObject, present } from './json-value.ts';

/** A client's `POST /embeddings` body, read by {@link parseEmbeddingsRequest}. */
export interface EmbeddingsRequestCall {
  /** The request, for any provider. */
  readonly request: EmbeddingRequest;
  /** `encoding_format: 'base64'` (the official SDKs' default): vectors as base64 float32. */
  readonly base64: boolean;
}

const KNOWN: ReadonlySet<string> = new Set(['model', 'input', 'dimensions', 'encoding_format']);

/**
 * Reads an OpenAI embeddings request body, as a server receiving it: the inverse of
 * `openaiDialect.embed.body`. `user` and unknown fields are refused rather than dropped, token
 * arrays as `input` too; a bad field throws an {@link OpenAIRequestError} naming it.
 *
 * @example
 * ```ts
 * const { request, base64 } = parseEmbeddingsRequest(JSON.parse(text));
 * ```
 */
export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequestCall {
  if (!isObject(body)) throw invalidValue('body', 'a JSON object');
  const { model, input, dimensions, encoding_format: format } = body;
  if (typeof model !== 'string' || model === '') throw invalidValue('model', 'a model name');
  const texts = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(texts) || texts.length === 0 || !texts.every((t) => typeof t === 'string'))
    throw invalidValue(
      'input',
      'a string or a non-empty array of strings (token arrays are not supported)',
    );
  if (present(dimensions) && !(Number.isSafeInteger(dimensions) && (dimensions as number) > 0))
    throw invalidValue('dimensions', 'a positive integer');
  if (present(format) && format !== 'float' && format !== 'base64')
    throw invalidValue('encoding_format', "'float' or 'base64'");
  for (const key of Object.keys(body)) {
    if (!KNOWN.has(key) && present(body[key]))
      throw unsupportedParameter(key, 'not relayed for embeddings; leave it out.');
  }
  const request = {
    model,
    input: texts as string[],
    ...(present(dimensions) ? { dimensions: dimensions as number } : {}),
  };
  return { request, base64: format === 'base64' };
}

function base64Of(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}

/**
 * An OpenAI embeddings `list` body (JSON text) for a result, with float arrays or, when
 * `base64`, base64 float32 vectors: the inverse of `openaiDialect.embed.result`.
 */
export function embeddingsJson(result: EmbeddingResult, base64: boolean): string {
  return JSON.stringify({
    object: 'list',
    data: result.embeddings.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: base64 ? base64Of(vector) : Array.from(vector),
    })),
    model: result.model,
    usage: { prompt_tokens: result.usage.inputTokens, total_tokens: result.usage.inputTokens },
  });
}
