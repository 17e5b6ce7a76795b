import type { CompletionResult, EmbeddingResult, StreamDelta } from '@hotpath/protocol';
import { ProviderUpstreamError } from '@hotpath/provider-kit';
import { collectDeltas, toCompletionResult } from '@hotpath/stream';
import { answerParts, finishReason, usage } from './parts.ts';
import type { WireChat, WireEmbed } from './wire.ts';

/**
 * Maps a non-streaming `/api/chat` answer with the same per-part mapping as a stream's lines,
 * assembled the way a stream is collected, so `complete` and `stream` give the same answer.
 */
export function completionResult(
  wire: WireChat,
  request: { readonly model: string },
): CompletionResult {
  if (wire?.message === undefined) {
    throw new ProviderUpstreamError({
      provider: 'ollama',
      upstreamMessage: 'the response has no message',
    });
  }
  const out: StreamDelta[] = [];
  const tools = answerParts(wire, 0, out);
  out.push({ type: 'usage', usage: usage(wire) });
  out.push({ type: 'finish', reason: finishReason(wire.done_reason, tools > 0) });
  return toCompletionResult(collectDeltas(out), { model: wire.model ?? request.model });
}

/** Maps an `/api/embed` answer. */
export function embeddingResult(
  wire: WireEmbed,
  request: { readonly model: string },
): EmbeddingResult {
  return {
    model: wire.model ?? request.model,
    embeddings: (wire.embeddings ?? []).map((vector) => Float32Array.from(vector)),
    usage: { inputTokens: wire.prompt_eval_count ?? 0 },
  };
}
