import type { CompletionResult, EmbeddingResult, FinishReason, Usage } from '@hotpath/protocol';
import { ProviderUpstreamError } from '@hotpath/provider-kit';
import type { WireCompletion, WireEmbeddings, WireUsage } from './wire.ts';

const FINISH: { readonly [reason: string]: FinishReason } = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  content_filter: 'content_filter',
};

/** Maps OpenAI's usage block to hotpath's, including cached and reasoning tokens. */
export function usage(wire: WireUsage | null | undefined): Usage {
  const cached = wire?.prompt_tokens_details?.cached_tokens;
  const reasoning = wire?.completion_tokens_details?.reasoning_tokens;
  return {
    inputTokens: wire?.prompt_tokens ?? 0,
    outputTokens: wire?.completion_tokens ?? 0,
    ...(cached ? { cachedInputTokens: cached } : {}),
    ...(reasoning ? { reasoningTokens: reasoning } : {}),
  };
}

/** Maps a non-streaming chat completion. */
export function completionResult(
  wire: WireCompletion,
  request: { readonly model: string },
): CompletionResult {
  const choice = wire.choices?.[0];
  if (choice?.message === undefined) {
    throw new ProviderUpstreamError({
      provider: 'openai',
      upstreamMessage: 'the response has no choices',
    });
  }
  const { content, tool_calls: calls } = choice.message;
  const reasoning = choice.message.reasoning_content ?? choice.message.reasoning;
  const toolCalls = calls?.map((call) => ({
    id: call.id,
    name: call.function.name,
    arguments: call.function.arguments,
  }));
  return {
    ...(wire.id ? { id: wire.id } : {}),
    model: wire.model ?? request.model,
    message: {
      role: 'assistant',
      content: content ?? '',
      ...(toolCalls?.length ? { toolCalls } : {}),
      ...(reasoning ? { reasoning } : {}),
    },
    usage: usage(wire.usage),
    finishReason: FINISH[choice.finish_reason ?? ''] ?? 'other',
  };
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
