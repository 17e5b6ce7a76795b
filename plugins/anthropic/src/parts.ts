import type { FinishReason, StreamDelta, Usage } from '@hotpath/protocol';
import { optionalCount, optionalString, requiredObject } from '@hotpath/provider-kit';
import type { WireUsage } from './wire.ts';

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
 * unknown or missing reason is `other` too; a non-string throws a `TypeError`.
 */
export function finishReason(reason: unknown): FinishReason {
  const wire = optionalString(reason, 'stop_reason');
  return (wire !== undefined && Object.hasOwn(FINISH, wire) && FINISH[wire]) || 'other';
}

/**
 * A usage block as the wire sent it, checked: each count is a non-negative integer or absent
 * (`null` is absent). Throws a `TypeError` naming a wrong-typed field.
 */
export function wireUsage(block: unknown): WireUsage {
  const wire = requiredObject<{ [K in keyof WireUsage]?: unknown }>(block, 'usage');
  const out: WireUsage = {};
  const input = optionalCount(wire.input_tokens, 'usage.input_tokens');
  const output = optionalCount(wire.output_tokens, 'usage.output_tokens');
  const read = optionalCount(wire.cache_read_input_tokens, 'usage.cache_read_input_tokens');
  const written = optionalCount(
    wire.cache_creation_input_tokens,
    'usage.cache_creation_input_tokens',
  );
  if (input !== undefined) out.input_tokens = input;
  if (output !== undefined) out.output_tokens = output;
  if (read !== undefined) out.cache_read_input_tokens = read;
  if (written !== undefined) out.cache_creation_input_tokens = written;
  return out;
}

/**
 * Maps Anthropic usage (checked by {@link wireUsage}). Its `input_tokens` excludes cache reads
 * and writes, so both are added back to give every prompt token billed; reads are
 * `cachedInputTokens` and writes `cacheWriteInputTokens`, whenever Anthropic reports them (a
 * reported 0 stays 0).
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

/** Merges a later (cumulative, checked) usage block over an earlier one; unreported fields keep their value. */
export function mergeUsage(earlier: WireUsage, later: WireUsage): WireUsage {
  return { ...earlier, ...later };
}

/**
 * A tool's input as arguments text: Anthropic sends the input as a JSON object (whole in a
 * non-streaming answer, `{}` in a stream's `content_block_start`), so its text is canonical JSON.
 * Anything but an object (or an absent input, `{}`) throws a `TypeError`.
 */
export function toolArguments(input: unknown): string {
  if (input == null) return '{}';
  return JSON.stringify(requiredObject(input, 'content_block.input'));
}

/** A `tool_use` block's id and name, checked; absent ones are `''`. */
export function toolIdentity(block: { id?: unknown; name?: unknown }): {
  id: string;
  name: string;
} {
  return {
    id: optionalString(block.id, 'content_block.id') ?? '',
    name: optionalString(block.name, 'content_block.name') ?? '',
  };
}

/**
 * Appends the deltas of one whole block: text, thinking as reasoning, or a tool call numbered
 * `toolIndex` (tool calls are numbered 0, 1, … among tool blocks only). Returns the block's
 * `type`; other block types (redacted thinking, server tools) carry nothing mapped.
 */
export function blockParts(
  value: unknown,
  toolIndex: number,
  out: StreamDelta[],
): string | undefined {
  const block = requiredObject<{ [field: string]: unknown }>(value, 'content_block');
  const type = optionalString(block.type, 'content_block.type');
  if (type === 'text') {
    const text = optionalString(block.text, 'content_block.text');
    if (text) out.push({ type: 'text', text });
  } else if (type === 'thinking') {
    const thinking = optionalString(block.thinking, 'content_block.thinking');
    if (thinking) out.push({ type: 'reasoning', text: thinking });
  } else if (type === 'tool_use') {
    out.push({
      type: 'tool-call',
      index: toolIndex,
      ...toolIdentity(block),
      argumentsDelta: toolArguments(block.input),
    });
  }
  return type;
}
