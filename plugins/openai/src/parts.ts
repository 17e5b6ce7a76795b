import type { FinishReason, StreamDelta, ToolCallDelta, Usage } from '@hotpath/protocol';
import {
  optionalArray,
  optionalCount,
  optionalObject,
  optionalString,
  requiredObject,
} from '@hotpath/provider-kit';
import type { WireMessagePart, WireToolCallPart, WireUsage } from './wire.ts';

// The per-part mapping of OpenAI answers. The stream decoder maps each chunk's `delta` with it and
// the non-streaming mapping maps the whole `message` with it, so both paths give the same result.
// It is also where every field read from the wire is checked (provider-kit's typeof checks, no
// allocation): a wrong-typed field throws a `TypeError` naming it, never maps to a wrong value.

const FINISH: { readonly [reason: string]: FinishReason } = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  content_filter: 'content_filter',
};

/** Maps OpenAI's `finish_reason`; an unknown or missing one is `other`, a non-string throws. */
export function finishReason(reason: unknown): FinishReason {
  const wire = optionalString(reason, 'finish_reason');
  return (wire !== undefined && Object.hasOwn(FINISH, wire) && FINISH[wire]) || 'other';
}

/**
 * Maps OpenAI's usage block (`undefined` when absent), including cached prompt tokens and
 * reasoning tokens when the server reports them (a reported 0 stays 0: it says the cache was
 * looked up and missed).
 */
export function usage(block: unknown): Usage | undefined {
  const wire = optionalObject<WireUsage>(block, 'usage');
  if (wire === undefined) return undefined;
  const prompt = optionalObject<{ cached_tokens?: unknown }>(
    wire.prompt_tokens_details,
    'usage.prompt_tokens_details',
  );
  const completion = optionalObject<{ reasoning_tokens?: unknown }>(
    wire.completion_tokens_details,
    'usage.completion_tokens_details',
  );
  const cached = optionalCount(prompt?.cached_tokens, 'usage.prompt_tokens_details.cached_tokens');
  const reasoning = optionalCount(
    completion?.reasoning_tokens,
    'usage.completion_tokens_details.reasoning_tokens',
  );
  return {
    inputTokens: optionalCount(wire.prompt_tokens, 'usage.prompt_tokens') ?? 0,
    outputTokens: optionalCount(wire.completion_tokens, 'usage.completion_tokens') ?? 0,
    ...(cached === undefined ? {} : { cachedInputTokens: cached }),
    ...(reasoning === undefined ? {} : { reasoningTokens: reasoning }),
  };
}

/** One tool call, or one fragment of it, as a delta; `position` numbers calls that carry no `index`. */
export function toolCallDelta(part: unknown, position: number): ToolCallDelta {
  const call = requiredObject<WireToolCallPart>(part, 'tool_calls[]');
  const fn = optionalObject<{ name?: unknown; arguments?: unknown }>(
    call.function,
    'tool_calls[].function',
  );
  const index = optionalCount(call.index, 'tool_calls[].index') ?? position;
  const id = optionalString(call.id, 'tool_calls[].id');
  const name = optionalString(fn?.name, 'tool_calls[].function.name');
  const argumentsDelta = optionalString(fn?.arguments, 'tool_calls[].function.arguments') ?? '';
  if (id === undefined && name === undefined) return { type: 'tool-call', index, argumentsDelta };
  if (name === undefined) return { type: 'tool-call', index, id: id!, argumentsDelta };
  if (id === undefined) return { type: 'tool-call', index, name, argumentsDelta };
  return { type: 'tool-call', index, id, name, argumentsDelta };
}

/**
 * Appends what one message part (a `message`, or a chunk's `delta`) said: reasoning, text, then
 * tool calls. Empty strings carry nothing and give no delta.
 */
export function messageParts(value: unknown, out: StreamDelta[]): void {
  const part = requiredObject<WireMessagePart>(value, 'message');
  const reasoning =
    optionalString(part.reasoning_content, 'message.reasoning_content') ??
    optionalString(part.reasoning, 'message.reasoning');
  if (reasoning !== undefined && reasoning !== '') out.push({ type: 'reasoning', text: reasoning });
  const content = optionalString(part.content, 'message.content');
  if (content !== undefined && content !== '') out.push({ type: 'text', text: content });
  const calls = optionalArray(part.tool_calls, 'message.tool_calls');
  if (calls === undefined) return;
  for (let i = 0; i < calls.length; i++) out.push(toolCallDelta(calls[i], i));
}
