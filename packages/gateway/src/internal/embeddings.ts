import type { EmbeddingRequest, EmbeddingResult } from '@hotpath/protocol';
import { invalid } from './http-error.ts';

/** A parsed `POST /v1/embeddings` body. */
export interface EmbeddingsCall {
  readonly request: EmbeddingRequest;
  readonly base64: boolean;
}

/** Validates an OpenAI embeddings body; a bad field throws a 400 naming it. */
export function parseEmbeddingsCall(body: unknown): EmbeddingsCall {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalid('body', 'a JSON object');
  const { model, input, dimensions, encoding_format: format } = body as Record<string, unknown>;
  if (typeof model !== 'string' || model === '') throw invalid('model', 'a model name');
  const texts = typeof input === 'string' ? [input] : input;
  if (!Array.isArray(texts) || texts.length === 0 || !texts.every((t) => typeof t === 'string'))
    throw invalid(
      'input',
      'a string or a non-empty array of strings (token arrays are not supported)',
    );
  if (dimensions !== undefined && !(Number.isSafeInteger(dimensions) && (dimensions as number) > 0))
    throw invalid('dimensions', 'a positive integer');
  if (format !== undefined && format !== 'float' && format !== 'base64')
    throw invalid('encoding_format', "'float' or 'base64'");
  const request = {
    model,
    input: texts as string[],
    ...(dimensions === undefined ? {} : { dimensions: dimensions as number }),
  };
  return { request, base64: format === 'base64' };
}

function base64Of(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}

/** An OpenAI embeddings list body. */
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
