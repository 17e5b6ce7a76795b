import type {
  ChatMessage,
  CompletionRequest,
  ContentPart,
  EmbeddingRequest,
} from '@hotpath/protocol';
import {
  ProviderArgumentError,
  parseToolArguments,
  unsupportedParameter,
  withProviderOptions,
} from '@hotpath/provider-kit';
import type { WireMessage } from './wire.ts';

function base64Image(part: Extract<ContentPart, { type: 'image' }>): string {
  if (typeof part.image !== 'string') return Buffer.from(part.image).toString('base64');
  const inline = /^data:[^;]+;base64,(.*)$/s.exec(part.image);
  if (inline) return inline[1]!;
  throw new ProviderArgumentError(
    'Ollama takes images as bytes or data: URLs, not remote URLs: download the image first',
  );
}

function userMessage(content: string | readonly ContentPart[]): WireMessage {
  if (typeof content === 'string') return { role: 'user', content };
  const text = content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
  const images = content.flatMap((part) => (part.type === 'image' ? [base64Image(part)] : []));
  return images.length ? { role: 'user', content: text, images } : { role: 'user', content: text };
}

function messages(input: readonly ChatMessage[]): WireMessage[] {
  // Ollama names a tool result by the tool, not by the call id: remember which call had which name.
  const toolNames = new Map<string, string>();
  return input.map((message): WireMessage => {
    if (message.role === 'user') return userMessage(message.content);
    if (message.role === 'system') return { role: 'system', content: message.content };
    if (message.role === 'tool') {
      const name = toolNames.get(message.toolCallId);
      return name === undefined
        ? { role: 'tool', content: message.content }
        : { role: 'tool', content: message.content, tool_name: name };
    }
    for (const call of message.toolCalls ?? []) toolNames.set(call.id, call.name);
    const calls = message.toolCalls?.map((call) => ({
      function: { name: call.name, arguments: parseToolArguments(call.arguments, call.name) },
    }));
    return calls?.length
      ? { role: 'assistant', content: message.content, tool_calls: calls }
      : { role: 'assistant', content: message.content };
  });
}

function modelOptions(request: CompletionRequest): Record<string, unknown> | undefined {
  const options: Record<string, unknown> = {};
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.topP !== undefined) options.top_p = request.topP;
  if (request.maxTokens !== undefined) options.num_predict = request.maxTokens;
  if (request.seed !== undefined) options.seed = request.seed;
  if (request.stop?.length) options.stop = request.stop;
  if (request.presencePenalty !== undefined) options.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) options.frequency_penalty = request.frequencyPenalty;
  return Object.keys(options).length ? options : undefined;
}

/** Refuses the request fields `/api/chat` has no counterpart for, naming the first. */
function checkSupported(request: CompletionRequest): void {
  // Ollama offers tools to the model as it likes: only the default choice can be honoured.
  if (request.toolChoice !== undefined && request.toolChoice !== 'auto')
    unsupportedParameter('ollama', 'toolChoice');
  if (request.user !== undefined) unsupportedParameter('ollama', 'user');
  // Ollama may always answer with several calls: only allowing it can be honoured.
  if (request.parallelToolCalls === false) unsupportedParameter('ollama', 'parallelToolCalls');
  if (request.tools?.some((tool) => tool.strict === true))
    unsupportedParameter('ollama', 'tools.strict');
  // `/api/chat` messages have no participant names: refuse them rather than merge speakers.
  const named = request.messages.findIndex((m) => m.role !== 'tool' && m.name !== undefined);
  if (named !== -1) unsupportedParameter('ollama', `messages[${named}].name`);
}

/**
 * Builds the `/api/chat` body: sampling, penalties, seed and stop go to `options`,
 * `providerOptions.ollama` adds top-level fields as they are (`keep_alive`, `think` …); a
 * `toolChoice` other than `auto` and `user` have no counterpart and are refused.
 */
export function chatBody(request: CompletionRequest, stream: boolean): Record<string, unknown> {
  checkSupported(request);
  const body: Record<string, unknown> = {
    model: request.model,
    messages: messages(request.messages),
    stream,
  };
  if (request.tools?.length) {
    body.tools = request.tools.map(({ name, description, parameters }) => ({
      type: 'function',
      function:
        description === undefined ? { name, parameters } : { name, description, parameters },
    }));
  }
  const format = request.responseFormat;
  if (format?.type === 'json_object') body.format = 'json';
  else if (format?.type === 'json_schema') body.format = format.schema;
  const options = modelOptions(request);
  if (options) body.options = options;
  return withProviderOptions('ollama', request, body);
}

/** Builds the `/api/embed` body. */
export function embedBody(request: EmbeddingRequest): Record<string, unknown> {
  return request.dimensions === undefined
    ? { model: request.model, input: request.input }
    : { model: request.model, input: request.input, dimensions: request.dimensions };
}
