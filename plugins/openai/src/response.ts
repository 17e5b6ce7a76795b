import type { CompletionResult, EmbeddingResult, StreamDelta } from '@hotpath/protocol';
import { ProviderUpstreamError } from '@hotpath/provider-kit';
import { collectDeltas, toCompletionResult } from '@hotpath/stream';
import { finishReason, messageParts, usage } from './parts.ts';
import type { WireCompletion, WireEmbeddings } from './wire.ts';

/**
 * Maps a non-streaming chat completion: its first choice's message goes through the same
 * per-part mapping as a streamed `delta`, and the parts are assembled the way a stream is
 * collected, so `complete` and `stream` give the same answer.
 */
export function completionResult(
  wire: WireCompletion,
  request: { readonly model: string },
): CompletionResult {
  const choice = wire?.choices?.[0];
  if (choice?.message == null) {
    throw new ProviderUpstreamError({
      provider: 'openai',
      upstreamMessage: 'the response has no choices',
    });
  }
  const out: StreamDelta[] = [];
  messageParts(choice.message, out);
  if (wire.usage != null) out.push({ type: 'usage', usage: usage(wire.usage) });
  out.push({ type: 'finish', reason: finishReason(choice.finish_reason) });
  return toCompletionResult(collectDeltas(out), {
    id: wire.id,
    model: wire.model ?? request.model,
  });
}

function vector(embedding: string | number[]): Float32Array {
  if (typeof embedding !== 'string') return Float32Array.from(embedding);
  const bytes = Buffer.from(embedding, 'base64');
  // Copy into a fresh, aligned buffer: the base64 decode may start at any byte offset.
  const out = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

/** Maps an embeddings response, in input order. */
export function embeddingResult(
  wire: WireEmbeddings,
  request: { readonly model: string },
): EmbeddingResult {
  const data = [...(wire.data ?? [])].sort((a, b) => a.index - b.index);
  return {
    model: wire.model ?? request.model,
    embeddings: data.map((item) => vector(item.embedding)),
    usage: { inputTokens: wire.usage?.prompt_tokens ?? 0 },
  };
}
