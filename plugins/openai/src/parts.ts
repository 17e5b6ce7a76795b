import type { FinishReason, StreamDelta, ToolCallDelta, Usage } from '@hotpath/protocol';
import type { WireMessagePart, WireToolCallPart, WireUsage } from './wire.ts';

// The per-part mapping of OpenAI answers. The stream decoder maps each chunk's `delta` with it and
// the non-streaming mapping maps the whole `message` with it, so both paths give the same result.

const FINISH: { readonly [reason: string]: FinishReason } = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  content_filter: 'content_filter',
};

/** Maps OpenAI's `finish_reason`; an unknown or missing one is `other`. */
export function finishReason(reason: string | null | undefined): FinishReason {
  return (reason != null && Object.hasOwn(FINISH, reason) && FINISH[reason]) || 'other';
}

/**
 * Maps OpenAI's usage block, including cached prompt tokens and reasoning tokens when the server
 * reports them (a reported 0 stays 0: it says the cache was looked up and missed).
 */
export function usage(wire: WireUsage): Usage {
  const cached = wire.prompt_tokens_details?.cached_tokens;
  const reasoning = wire.completion_tokens_details?.reasoning_tokens;
  return {
    inputTokens: wire.prompt_tokens ?? 0,
    outputTokens: wire.completion_tokens ?? 0,
    ...(typeof cached === 'number' ? { cachedInputTokens: cached } : {}),
    ...(typeof reasoning === 'number' ? { reasoningTokens: reasoning } : {}),
  };
}

/** One tool call, or one fragment of it, as a delta; `position` numbers calls that carry no `index`. */
export function toolCallDelta(call: WireToolCallPart, position: number): ToolCallDelta {
  const fn = call.function;
  const index = call.index ?? position;
  const argumentsDelta = fn?.arguments ?? '';
  if (call.id == null && fn?.name == null) return { type: 'tool-call', index, argumentsDelta };
  if (fn?.name == null) return { type: 'tool-call', index, id: call.id!, argumentsDelta };
  if (call.id == null) return { type: 'tool-call', index, name: fn.name, argumentsDelta };
  return { type: 'tool-call', index, id: call.id, name: fn.name, argumentsDelta };
}

/**
 * Appends what one message part said: reasoning, text, then tool calls. Empty strings carry
 * nothing and give no delta.
 */
export function messageParts(part: WireMessagePart, out: StreamDelta[]): void {
  const reasoning = part.reasoning_content ?? part.reasoning;
  if (typeof reasoning === 'string' && reasoning !== '') {
    out.push({ type: 'reasoning', text: reasoning });
  }
  const content = part.content;
  if (typeof content === 'string' && content !== '') out.push({ type: 'text', text: content });
  const calls = part.tool_calls;
  if (calls == null) return;
  for (let i = 0; i < calls.length; i++) out.push(toolCallDelta(calls[i]!, i));
}
