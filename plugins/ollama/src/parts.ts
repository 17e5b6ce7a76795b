import type { FinishReason, StreamDelta, ToolCallDelta, Usage } from '@hotpath/protocol';
import {
  optionalArray,
  optionalCount,
  optionalObject,
  optionalString,
  requiredObject,
} from '@hotpath/provider-kit';
import type { WireChat } from './wire.ts';

// The per-part mapping of Ollama answers. The stream decoder maps each NDJSON line with it and
// the non-streaming mapping maps the whole answer with it, so both paths give the same result.

/**
 * Maps `done_reason`: `length` is `length`; a normal stop is `tool_calls` when the answer
 * called tools, else `stop`; anything else (`load`, `unload`) is `other`; a non-string throws.
 */
export function finishReason(reason: unknown, calledTools: boolean): FinishReason {
  const wire = optionalString(reason, 'done_reason');
  if (wire === 'length') return 'length';
  if (wire !== undefined && wire !== 'stop') return 'other';
  return calledTools ? 'tool_calls' : 'stop';
}

/** Maps the counts of the final answer; Ollama reports no cache or reasoning tokens. */
export function usage(wire: WireChat): Usage {
  return {
    inputTokens: optionalCount(wire.prompt_eval_count, 'prompt_eval_count') ?? 0,
    outputTokens: optionalCount(wire.eval_count, 'eval_count') ?? 0,
  };
}

/**
 * One whole tool call as a delta: Ollama's arguments object as JSON text (text as it came), and
 * its `id`, or `call_<index>` for servers that send none.
 */
export function toolCallDelta(value: unknown, index: number): ToolCallDelta {
  const call = requiredObject<{ id?: unknown; function?: unknown }>(value, 'tool_calls[]');
  const fn = requiredObject<{ name?: unknown; arguments?: unknown }>(
    call.function,
    'tool_calls[].function',
  );
  const args = fn.arguments;
  return {
    type: 'tool-call',
    index,
    id: optionalString(call.id, 'tool_calls[].id') ?? `call_${index}`,
    name: optionalString(fn.name, 'tool_calls[].function.name') ?? '',
    argumentsDelta:
      typeof args === 'string'
        ? args
        : JSON.stringify(optionalObject(args, 'tool_calls[].function.arguments') ?? {}),
  };
}

/**
 * Appends what one answer (or NDJSON line) said: thinking, text, then tool calls numbered from
 * `firstTool`. Returns how many tool calls it had.
 */
export function answerParts(wire: WireChat, firstTool: number, out: StreamDelta[]): number {
  const message = optionalObject<{ [field: string]: unknown }>(wire.message, 'message');
  const thinking =
    optionalString(message?.thinking, 'message.thinking') ??
    optionalString(wire.thinking, 'thinking');
  if (thinking !== undefined && thinking !== '') out.push({ type: 'reasoning', text: thinking });
  const text =
    optionalString(message?.content, 'message.content') ??
    optionalString(wire.response, 'response');
  if (text !== undefined && text !== '') out.push({ type: 'text', text });
  const calls = optionalArray(message?.tool_calls, 'message.tool_calls');
  if (calls === undefined) return 0;
  for (let i = 0; i < calls.length; i++) out.push(toolCallDelta(calls[i], firstTool + i));
  return calls.length;
}
