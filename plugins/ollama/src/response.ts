import type { CompletionResult, EmbeddingResult, StreamDelta } from '@hotpath/protocol';
import {
  embeddingVector,
  optionalArray,
  optionalCount,
  optionalString,
  ProviderUpstreamError,
  requiredObject,
} from '@hotpath/provider-kit';
import { collectDeltas, toCompletionResult } from '@hotpath/stream';
import { answerParts, finishReason, usage } from './parts.ts';
import type { WireChat, WireEmbed } from './wire.ts';

/**
 * Maps a non-streaming `/api/chat` answer with the same per-part mapping as a stream's lines,
 * assembled the way a stream is collected, so `complete` and `stream` give the same answer.
 */
export function completionResult(
  value: unknown,
  request: { readonly model: string },
): CompletionResult {
  const wire = requiredObject<WireChat>(value, 'response');
  if (wire.message === undefined) {
    throw new ProviderUpstreamError({
      provider: 'ollama',
      upstreamMessage: 'the response has no message',
    });
  }
  const out: StreamDelta[] = [];
  const tools = answerParts(wire, 0, out);
  out.push({ type: 'usage', usage: usage(wire) });
  out.push({ type: 'finish', reason: finishReason(wire.done_reason, tools > 0) });
  return toCompletionResult(collectDeltas(out), {
    model: optionalString(wire.model, 'model') ?? request.model,
  });
}

/** Maps an `/api/embed` answer: each vector an array of finite numbers. */
export function embeddingResult(
  value: unknown,
  request: { readonly model: string },
): EmbeddingResult {
  const wire = requiredObject<WireEmbed>(value, 'response');
  const vectors = optionalArray(wire.embeddings, 'embeddings') ?? [];
  return {
    model: optionalString(wire.model, 'model') ?? request.model,
    embeddings: vectors.map((vector) => embeddingVector(vector, 'embeddings[]')),
    usage: { inputTokens: optionalCount(wire.prompt_eval_count, 'prompt_eval_count') ?? 0 },
  };
}
