import type { FinishReason, StreamDelta, Usage } from '@hotpath/protocol';
import type { WireAnswerBlock, WireUsage } from './wire.ts';

// The per-part mapping of Anthropic answers. The stream decoder maps each block and the
// cumulative usage with it, and the non-streaming mapping maps the whole message with it, so
// both paths give the same result.

const FINISH: { readonly [reason: string]: FinishReason } = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

/**
 * Maps Anthropic's `stop_reason`. `pause_turn` (a long server-tool turn was paused; send the
 * conversation back to let it continue) is `other`, not `stop`: the answer is not finished. An
 * unknown or missing reason is `other` too.
 */
export function finishReason(reason: string | null | undefined): FinishReason {
  return (reason != null && Object.hasOwn(FINISH, reason) && FINISH[reason]) || 'other';
}

/**
 * Maps Anthropic usage. Its `input_tokens` excludes cache reads and writes, so both are added
 * back to give every prompt token billed; reads are `cachedInputTokens` and writes
 * `cacheWriteInputTokens`, whenever Anthropic reports them (a reported 0 stays 0).
 */
export function usage(wire: WireUsage): Usage {
  const read = wire.cache_read_input_tokens;
  const written = wire.cache_creation_input_tokens;
  return {
    inputTokens: (wire.input_tokens ?? 0) + (read ?? 0) + (written ?? 0),
    outputTokens: wire.output_tokens ?? 0,
    ...(typeof read === 'number' ? { cachedInputTokens: read } : {}),
    ...(typeof written === 'number' ? { cacheWriteInputTokens: written } : {}),
  };
}

/** Merges a later (cumulative) usage block over an earlier one; unreported fields keep their value. */
export function mergeUsage(earlier: WireUsage, later: WireUsage): WireUsage {
  const merged: WireUsage = { ...earlier };
  for (const key of Object.keys(later) as (keyof WireUsage)[]) {
    if (later[key] != null) merged[key] = later[key];
  }
  return merged;
}

/**
 * A tool's input as arguments text: Anthropic sends the input as a JSON object (whole in a
 * non-streaming answer, `{}` in a stream's `content_block_start`), so its text is canonical JSON.
 */
export function toolArguments(input: unknown): string {
  return JSON.stringify(input ?? {});
}

/**
 * Appends the deltas of one whole block: text, thinking as reasoning, or a tool call numbered
 * `toolIndex` (tool calls are numbered 0, 1, … among tool blocks only).
 */
export function blockParts(block: WireAnswerBlock, toolIndex: number, out: StreamDelta[]): void {
  if (block.type === 'text' && 'text' in block && block.text) {
    out.push({ type: 'text', text: block.text });
  } else if (block.type === 'thinking' && 'thinking' in block && block.thinking) {
    out.push({ type: 'reasoning', text: block.thinking });
  } else if (block.type === 'tool_use') {
    const tool = block as { id?: string; name?: string; input?: unknown };
    out.push({
      type: 'tool-call',
      index: toolIndex,
      id: tool.id ?? '',
      name: tool.name ?? '',
      argumentsDelta: toolArguments(tool.input),
    });
  }
}
