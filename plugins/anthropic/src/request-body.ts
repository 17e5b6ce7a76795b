import type { ChatMessage, CompletionRequest, ContentPart, ToolChoice } from '@hotpath/protocol';
import {
  parseToolArguments,
  unsupportedParameter,
  withProviderOptions,
} from '@hotpath/provider-kit';
import type { WireBlock, WireMessage } from './wire.ts';

/** Anthropic requires `max_tokens`; this is used when the request sets none. */
export const DEFAULT_MAX_TOKENS = 4096;

function imageBlock(part: Extract<ContentPart, { type: 'image' }>): WireBlock {
  if (typeof part.image !== 'string') {
    const data = Buffer.from(part.image).toString('base64');
    return {
      type: 'image',
      source: { type: 'base64', media_type: part.mediaType ?? 'image/png', data },
    };
  }
  const inline = /^data:([^;]+);base64,(.*)$/s.exec(part.image);
  return inline
    ? { type: 'image', source: { type: 'base64', media_type: inline[1]!, data: inline[2]! } }
    : { type: 'image', source: { type: 'url', url: part.image } };
}

function blocks(message: Exclude<ChatMessage, { role: 'system' }>): WireBlock[] {
  switch (message.role) {
    case 'user':
      return typeof message.content === 'string'
        ? [{ type: 'text', text: message.content }]
        : message.content.map((part) => (part.type === 'text' ? part : imageBlock(part)));
    case 'tool':
      return [{ type: 'tool_result', tool_use_id: message.toolCallId, content: message.content }];
    case 'assistant': {
      const text: WireBlock[] = message.content ? [{ type: 'text', text: message.content }] : [];
      const calls = (message.toolCalls ?? []).map(
        (call): WireBlock => ({
          type: 'tool_use',
          id: call.id,
          name: call.name,
          input: parseToolArguments(call.arguments, call.name),
        }),
      );
      return [...text, ...calls];
    }
  }
}

/** Tool results travel as user turns; consecutive turns of one role merge, as Anthropic requires. */
function conversation(messages: readonly ChatMessage[]): WireMessage[] {
  const out: WireMessage[] = [];
  for (const message of messages) {
    if (message.role === 'system') continue;
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const last = out.at(-1);
    if (last?.role === role) last.content.push(...blocks(message));
    else out.push({ role, content: blocks(message) });
  }
  return out;
}

function toolChoice(choice: ToolChoice): { [field: string]: unknown } {
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'required') return { type: 'any' };
  if (choice === 'none') return { type: 'none' };
  return { type: 'tool', name: choice.name };
}

/**
 * `tool_choice` with `parallelToolCalls: false` as `disable_parallel_tool_use` (on the default
 * `auto` when no choice was given). With `none`, or without tools, no tool is called at all, so
 * there is nothing to disable and Anthropic takes no such field.
 */
function toolChoiceOf(request: CompletionRequest): unknown {
  const choice = request.toolChoice === undefined ? undefined : toolChoice(request.toolChoice);
  if (request.parallelToolCalls !== false || !request.tools?.length || choice?.type === 'none')
    return choice;
  return { ...(choice ?? { type: 'auto' }), disable_parallel_tool_use: true };
}

/** Refuses the request fields the Messages API has no counterpart for, naming the first. */
function checkSupported(request: CompletionRequest): void {
  if (request.seed !== undefined) unsupportedParameter('anthropic', 'seed');
  if (request.presencePenalty !== undefined) unsupportedParameter('anthropic', 'presencePenalty');
  if (request.frequencyPenalty !== undefined) unsupportedParameter('anthropic', 'frequencyPenalty');
  const format = request.responseFormat?.type;
  if (format !== undefined && format !== 'text')
    unsupportedParameter('anthropic', 'responseFormat');
  if (request.tools?.some((tool) => tool.strict === true))
    unsupportedParameter('anthropic', 'tools.strict');
  // The Messages API has no participant names: refuse them rather than merge speakers.
  const named = request.messages.findIndex((m) => m.role !== 'tool' && m.name !== undefined);
  if (named !== -1) unsupportedParameter('anthropic', `messages[${named}].name`);
}

/**
 * Builds the `/v1/messages` body. System messages become the top-level `system` prompt, `user`
 * becomes `metadata.user_id`, `parallelToolCalls: false` becomes `tool_choice.disable_parallel_tool_use`,
 * `providerOptions.anthropic` adds fields as they are; `seed`, the
 * penalties and a JSON `responseFormat` have no counterpart and are refused.
 */
export function messagesBody(request: CompletionRequest, stream: boolean): Record<string, unknown> {
  checkSupported(request);
  const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content);
  const body: Record<string, unknown> = {
    model: request.model,
    max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages: conversation(request.messages),
  };
  if (system.length > 0) body.system = system.join('\n\n');
  if (request.tools?.length) {
    body.tools = request.tools.map(({ name, description, parameters }) =>
      description === undefined
        ? { name, input_schema: parameters }
        : { name, description, input_schema: parameters },
    );
  }
  const choice = toolChoiceOf(request);
  if (choice !== undefined) body.tool_choice = choice;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop?.length) body.stop_sequences = request.stop;
  if (request.user !== undefined) body.metadata = { user_id: request.user };
  if (stream) body.stream = true;
  return withProviderOptions('anthropic', request, body);
}
