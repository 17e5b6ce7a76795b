import type { CompletionResult, StreamDelta } from '@hotpath/protocol';
import { optionalString, ProviderUpstreamError, requiredObject } from '@hotpath/provider-kit';
import { collectDeltas, toCompletionResult } from '@hotpath/stream';
import { blockParts, finishReason, usage, wireUsage } from './parts.ts';
import type { WireResponse } from './wire.ts';

/**
 * Maps a non-streaming Messages response: each content block goes through the same per-block
 * mapping as a stream's blocks, and the parts are assembled the way a stream is collected, so
 * `complete` and `stream` give the same answer.
 */
export function completionResult(
  value: unknown,
  request: { readonly model: string },
): CompletionResult {
  const wire = requiredObject<WireResponse>(value, 'response');
  if (!Array.isArray(wire.content)) {
    throw new ProviderUpstreamError({
      provider: 'anthropic',
      upstreamMessage: 'the response has no content',
    });
  }
  const out: StreamDelta[] = [];
  let tools = 0;
  for (const block of wire.content) {
    if (blockParts(block, tools, out) === 'tool_use') tools++;
  }
  out.push({ type: 'usage', usage: usage(wire.usage == null ? {} : wireUsage(wire.usage)) });
  out.push({ type: 'finish', reason: finishReason(wire.stop_reason) });
  return toCompletionResult(collectDeltas(out), {
    id: optionalString(wire.id, 'id'),
    model: optionalString(wire.model, 'model') ?? request.model,
  });
}
