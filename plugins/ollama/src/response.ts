import type { CompletionResult, EmbeddingResult, FinishReason } from '@hotpath/protocol';
import { ProviderUpstreamError } from '@hotpath/provider-kit';
import type { WireChat, WireEmbed } from './wire.ts';

function finish(reason: string | undefined, hasToolCalls: boolean): FinishReason {
  if (reason === 'length') return 'length';
  if (hasToolCalls) return 'tool_calls';
  return reason === 'stop' || reason === undefined ? 'stop' : 'other';
}

/** Maps a non-streaming `/api/chat` answer; tool calls get ids, since Ollama sends none. */
export function completionResult(
  wire: WireChat,
  request: { readonly model: string },
): CompletionResult {
  const message = wire.message;
  if (message === undefined) {
    throw new ProviderUpstreamError({
      provider: 'ollama',
      upstreamMessage: 'the response has no message',
    });
  }
  const toolCalls = message.tool_calls?.map((call, index) => ({
    id: call.id ?? `call_${index}`,
    name: call.function.name,
    arguments: JSON.stringify(call.function.arguments ?? {}),
  }));
  return {
    model: wire.model ?? request.model,
    message: {
      role: 'assistant',
      content: message.content ?? '',
      ...(toolCalls?.length ? { toolCalls } : {}),
      ...(message.thinking ? { reasoning: message.thinking } : {}),
    },
    usage: { inputTokens: wire.prompt_eval_count ?? 0, outputTokens: wire.eval_count ?? 0 },
    finishReason: finish(wire.done_reason, Boolean(toolCalls?.length)),
  };
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
