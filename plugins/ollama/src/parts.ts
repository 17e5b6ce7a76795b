import type { FinishReason, StreamDelta, ToolCallDelta, Usage } from '@hotpath/protocol';
import type { WireChat, WireToolCall } from './wire.ts';

// The per-part mapping of Ollama answers. The stream decoder maps each NDJSON line with it and
// the non-streaming mapping maps the whole answer with it, so both paths give the same result.

/**
 * Maps `done_reason`: `length` is `length`; a normal stop is `tool_calls` when the answer
 * called tools, else `stop`; anything else (`load`, `unload`) is `other`.
 */
export function finishReason(reason: string | undefined, calledTools: boolean): FinishReason {
  if (reason === 'length') return 'length';
  if (reason !== undefined && reason !== 'stop') return 'other';
  return calledTools ? 'tool_calls' : 'stop';
}

/** Maps the counts of the final answer; Ollama reports no cache or reasoning tokens. */
export function usage(wire: WireChat): Usage {
  return { inputTokens: wire.prompt_eval_count ?? 0, outputTokens: wire.eval_count ?? 0 };
}

/**
 * One whole tool call as a delta: Ollama's arguments object as JSON text, and its `id`, or
 * `call_<index>` for servers that send none.
 */
export function toolCallDelta(call: WireToolCall, index: number): ToolCallDelta {
  const args = call.function?.arguments;
  return {
    type: 'tool-call',
    index,
    id: call.id ?? `call_${index}`,
    name: call.function?.name ?? '',
    argumentsDelta: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
  };
}

/**
 * Appends what one answer (or NDJSON line) said: thinking, text, then tool calls numbered from
 * `firstTool`. Returns how many tool calls it had.
 */
export function answerParts(wire: WireChat, firstTool: number, out: StreamDelta[]): number {
  const message = wire.message;
  const thinking = message?.thinking ?? wire.thinking;
  if (typeof thinking === 'string' && thinking !== '')
    out.push({ type: 'reasoning', text: thinking });
  const text = message?.content ?? wire.response;
  if (typeof text === 'string' && text !== '') out.push({ type: 'text', text });
  const calls = message?.tool_calls ?? [];
  for (let i = 0; i < calls.length; i++) out.push(toolCallDelta(calls[i]!, firstTool + i));
  return calls.length;
}
