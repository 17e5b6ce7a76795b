import type {
  ChatMessage,
  CompletionRequest,
  ContentPart,
  EmbeddingRequest,
  ResponseFormat,
  ToolChoice,
  ToolDefinition,
} from '@hotpath/protocol';
import { withProviderOptions } from '@hotpath/provider-kit';
import type { WireMessage, WirePart } from './wire.ts';

function imageUrl(image: string | Uint8Array, mediaType = 'image/png'): string {
  return typeof image === 'string'
    ? image
    : `data:${mediaType};base64,${Buffer.from(image).toString('base64')}`;
}

function part(content: ContentPart): WirePart {
  if (content.type === 'text') return { type: 'text', text: content.text };
  const url = imageUrl(content.image, content.mediaType);
  return {
    type: 'image_url',
    image_url: content.detail ? { url, detail: content.detail } : { url },
  };
}

function message(input: ChatMessage): WireMessage {
  const wire = unnamed(input);
  return input.role !== 'tool' && input.name !== undefined ? { ...wire, name: input.name } : wire;
}

function unnamed(input: ChatMessage): WireMessage {
  switch (input.role) {
    case 'system':
      return { role: 'system', content: input.content };
    case 'user':
      return {
        role: 'user',
        content: typeof input.content === 'string' ? input.content : input.content.map(part),
      };
    case 'tool':
      return { role: 'tool', tool_call_id: input.toolCallId, content: input.content };
    case 'assistant': {
      const calls = input.toolCalls?.map((call) => ({
        id: call.id,
        type: 'function' as const,
        function: { name: call.name, arguments: call.arguments },
      }));
      return calls?.length
        ? { role: 'assistant', content: input.content || null, tool_calls: calls }
        : { role: 'assistant', content: input.content };
    }
  }
}

function toolJson({ name, description, parameters, strict }: ToolDefinition): unknown {
  return {
    type: 'function',
    function: {
      name,
      ...(description === undefined ? {} : { description }),
      parameters,
      ...(strict === undefined ? {} : { strict }),
    },
  };
}

function toolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string'
    ? choice
    : { type: 'function', function: { name: choice.name } };
}

function responseFormat(format: ResponseFormat): unknown {
  if (format.type !== 'json_schema') return { type: format.type };
  const { name, description, schema, strict } = format;
  return {
    type: 'json_schema',
    json_schema: {
      name,
      ...(description === undefined ? {} : { description }),
      schema,
      ...(strict === undefined ? {} : { strict }),
    },
  };
}

/**
 * The body field that carries `maxTokens`. OpenAI's current name is `max_completion_tokens`
 * (`max_tokens` is deprecated there and refused by its reasoning models); some older
 * compatible servers only know `max_tokens`.
 */
export type MaxTokensField = 'max_completion_tokens' | 'max_tokens';

function sampling(
  request: CompletionRequest,
  body: Record<string, unknown>,
  maxTokensField: MaxTokensField,
): void {
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.maxTokens !== undefined) body[maxTokensField] = request.maxTokens;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.stop?.length) body.stop = request.stop;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
}

/**
 * Builds the `/chat/completions` body: every `CompletionRequest` field has an OpenAI counterpart
 * (`user` included), `providerOptions.openai` adds fields as they are, and `metadata` (the
 * caller's own) is never sent. `maxTokens` goes out as `maxTokensField`.
 */
export function chatBody(
  request: CompletionRequest,
  stream: boolean,
  maxTokensField: MaxTokensField = 'max_completion_tokens',
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: request.model,
    messages: request.messages.map(message),
  };
  if (request.tools?.length) {
    body.tools = request.tools.map(toolJson);
  }
  if (request.toolChoice !== undefined) body.tool_choice = toolChoice(request.toolChoice);
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.responseFormat !== undefined)
    body.response_format = responseFormat(request.responseFormat);
  sampling(request, body, maxTokensField);
  if (request.user !== undefined) body.user = request.user;
  if (stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  return withProviderOptions('openai', request, body);
}

/** Builds the `/embeddings` body, asking for base64 so vectors decode without parsing floats. */
export function embeddingsBody(request: EmbeddingRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: request.model,
    input: request.input,
    encoding_format: 'base64',
  };
  if (request.dimensions !== undefined) body.dimensions = request.dimensions;
  return body;
}
