import type { CompletionResult, FinishReason, ToolCall, Usage } from '@hotpath/protocol';
import { ProviderUpstreamError } from '@hotpath/provider-kit';
import type { WireResponse, WireUsage } from './wire.ts';

const FINISH: { readonly [reason: string]: FinishReason } = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

/**
 * Maps Anthropic usage: its `input_tokens` excludes cache reads and writes, so
 * they are added back to give every prompt token billed; cache reads are `cachedInputTokens`.
 */
export function usage(wire: WireUsage | undefined): Usage {
  const read = wire?.cache_read_input_tokens ?? 0;
  const written = wire?.cache_creation_input_tokens ?? 0;
  return {
    inputTokens: (wire?.input_tokens ?? 0) + read + written,
    outputTokens: wire?.output_tokens ?? 0,
    ...(read ? { cachedInputTokens: read } : {}),
  };
}

/** Maps a non-streaming Messages response. */
export function completionResult(
  wire: WireResponse,
  request: { readonly model: string },
): CompletionResult {
  if (!Array.isArray(wire.content)) {
    throw new ProviderUpstreamError({
      provider: 'anthropic',
      upstreamMessage: 'the response has no content',
    });
  }
  let content = '';
  let reasoning = '';
  const toolCalls: ToolCall[] = [];
  for (const block of wire.content) {
    if (block.type === 'text') content += block.text;
    else if (block.type === 'thinking') reasoning += block.thinking;
    else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id,
        name: block.name,
        arguments: JSON.stringify(block.input ?? {}),
      });
    }
  }
  return {
    ...(wire.id ? { id: wire.id } : {}),
    model: wire.model ?? request.model,
    message: {
      role: 'assistant',
      content,
      ...(toolCalls.length ? { toolCalls } : {}),
      ...(reasoning ? { reasoning } : {}),
    },
    usage: usage(wire.usage),
    finishReason: FINISH[wire.stop_reason ?? ''] ?? 'other',
  };
}
