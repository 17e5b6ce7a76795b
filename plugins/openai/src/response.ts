import type { CompletionResult, EmbeddingResult, StreamDelta } from '@hotpath/protocol';
import {
  embeddingVector,
  finiteVector,
  optionalArray,
  optionalCount,
  optionalObject,
  optionalString,
  ProviderUpstreamError,
  requiredObject,
} from '@hotpath/provider-kit';
import { collectDeltas, toCompletionResult } from '@hotpath/stream';
import { finishReason, messageParts, usage } from './parts.ts';
import type { WireCompletion, WireEmbeddings } from './wire.ts';

/**
 * Maps a non-streaming chat completion: its first choice's message goes through the same
 * per-part mapping as a streamed `delta`, and the parts are assembled the way a stream is
 * collected, so `complete` and `stream` give the same answer. A wrong-typed field throws a
 * `TypeError` naming it (the dialect reports it as `ProviderUpstreamError`).
 */
export function completionResult(
  value: unknown,
  request: { readonly model: string },
): CompletionResult {
  const wire = requiredObject<WireCompletion>(value, 'response');
  const first = optionalArray(wire.choices, 'choices')?.[0];
  const choice = optionalObject<{ message?: unknown; finish_reason?: unknown }>(
    first,
    'choices[0]',
  );
  if (choice?.message == null) {
    throw new ProviderUpstreamError({
      provider: 'openai',
      upstreamMessage: 'the response has no choices',
    });
  }
  const out: StreamDelta[] = [];
  messageParts(choice.message, out);
  const used = usage(wire.usage);
  if (used !== undefined) out.push({ type: 'usage', usage: used });
  out.push({ type: 'finish', reason: finishReason(choice.finish_reason) });
  return toCompletionResult(collectDeltas(out), {
    id: optionalString(wire.id, 'id'),
    model: optionalString(wire.model, 'model') ?? request.model,
  });
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A float or base64 (`encoding_format: "base64"`, little-endian float32) embedding. */
function vector(embedding: unknown): Float32Array {
  if (typeof embedding !== 'string') return embeddingVector(embedding, 'data[].embedding');
  if (embedding.length % 4 !== 0 || !BASE64.test(embedding))
    return embeddingVector(embedding, 'data[].embedding');
  const bytes = Buffer.from(embedding, 'base64');
  if (bytes.byteLength % 4 !== 0) return embeddingVector(embedding, 'data[].embedding');
  // Copy into a fresh, aligned buffer: the base64 decode may start at any byte offset.
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return finiteVector(out, 'data[].embedding');
}

/** One `data` item: its position in the input (`index`, else its own) and its vector. */
function item(value: unknown, position: number): { index: number; vector: Float32Array } {
  const wire = requiredObject<{ index?: unknown; embedding?: unknown }>(value, 'data[]');
  return {
    index: optionalCount(wire.index, 'data[].index') ?? position,
    vector: vector(wire.embedding),
  };
}

/** Maps an embeddings response, in input order. */
export function embeddingResult(
  value: unknown,
  request: { readonly model: string },
): EmbeddingResult {
  const wire = requiredObject<WireEmbeddings>(value, 'response');
  const data = (optionalArray(wire.data, 'data') ?? []).map(item).sort((a, b) => a.index - b.index);
  const used = optionalObject<{ prompt_tokens?: unknown }>(wire.usage, 'usage');
  return {
    model: optionalString(wire.model, 'model') ?? request.model,
    embeddings: data.map((entry) => entry.vector),
    usage: { inputTokens: optionalCount(used?.prompt_tokens, 'usage.prompt_tokens') ?? 0 },
  };
}
