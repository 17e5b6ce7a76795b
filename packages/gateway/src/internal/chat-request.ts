import type {
  ChatMessage,
  CompletionRequest,
  ContentPart,
  ResponseFormat,
  ToolCall,
  ToolChoice,
  ToolDefinition,
} from '@hotpath/protocol';
import { invalid } from './http-error.ts';

/** A parsed `POST /v1/chat/completions` body. */
export interface ChatCall {
  readonly request: CompletionRequest;
  readonly stream: boolean;
  /** `stream_options.include_usage`: send a usage chunk before `[DONE]`. */
  readonly includeUsage: boolean;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function string(value: unknown, param: string): string {
  if (typeof value !== 'string') throw invalid(param, 'a string');
  return value;
}

function text(content: unknown, param: string): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw invalid(param, 'a string or an array of text parts');
  return content
    .map((part, i) => string(isObject(part) ? part.text : undefined, `${param}[${i}].text`))
    .join('');
}

function part(value: unknown, param: string): ContentPart {
  if (!isObject(value)) throw invalid(param, 'a content part object');
  if (value.type === 'text') return { type: 'text', text: string(value.text, `${param}.text`) };
  if (value.type === 'image_url' && isObject(value.image_url)) {
    const { url, detail } = value.image_url;
    const image = string(url, `${param}.image_url.url`);
    const hint =
      detail === 'auto' || detail === 'low' || detail === 'high'
        ? { detail: detail as 'auto' }
        : {};
    return { type: 'image', image, ...hint };
  }
  throw invalid(`${param}.type`, "'text' or 'image_url'");
}

function toolCalls(value: unknown, param: string): ToolCall[] {
  if (!Array.isArray(value)) throw invalid(param, 'an array of tool calls');
  return value.map((call, i) => {
    const fn = isObject(call) ? call.function : undefined;
    if (!isObject(call) || !isObject(fn)) throw invalid(`${param}[${i}].function`, 'an object');
    return {
      id: string(call.id, `${param}[${i}].id`),
      name: string(fn.name, `${param}[${i}].function.name`),
      arguments: string(fn.arguments, `${param}[${i}].function.arguments`),
    };
  });
}

function message(value: unknown, i: number): ChatMessage {
  const param = `messages[${i}]`;
  if (!isObject(value)) throw invalid(param, 'a message object');
  const { role, content } = value;
  if (role === 'system' || role === 'developer')
    return { role: 'system', content: text(content, `${param}.content`) };
  if (role === 'user') {
    if (typeof content === 'string') return { role, content };
    if (!Array.isArray(content)) throw invalid(`${param}.content`, 'a string or an array of parts');
    return { role, content: content.map((p, j) => part(p, `${param}.content[${j}]`)) };
  }
  if (role === 'assistant') {
    const calls =
      value.tool_calls === undefined || value.tool_calls === null
        ? undefined
        : toolCalls(value.tool_calls, `${param}.tool_calls`);
    return {
      role,
      content: text(content, `${param}.content`),
      ...(calls?.length ? { toolCalls: calls } : {}),
    };
  }
  if (role === 'tool') {
    return {
      role,
      toolCallId: string(value.tool_call_id, `${param}.tool_call_id`),
      content: text(content, `${param}.content`),
    };
  }
  throw invalid(`${param}.role`, "'system', 'developer', 'user', 'assistant' or 'tool'");
}

function tools(value: unknown): ToolDefinition[] {
  if (!Array.isArray(value)) throw invalid('tools', 'an array of tools');
  return value.map((tool, i) => {
    const fn = isObject(tool) ? tool.function : undefined;
    if (!isObject(fn)) throw invalid(`tools[${i}].function`, 'an object');
    const parameters =
      fn.parameters === undefined ? { type: 'object', properties: {} } : fn.parameters;
    if (!isObject(parameters))
      throw invalid(`tools[${i}].function.parameters`, 'a JSON Schema object');
    const description =
      fn.description === undefined
        ? {}
        : { description: string(fn.description, `tools[${i}].function.description`) };
    return { name: string(fn.name, `tools[${i}].function.name`), parameters, ...description };
  });
}

function toolChoice(value: unknown): ToolChoice {
  if (value === 'auto' || value === 'none' || value === 'required') return value;
  const fn = isObject(value) ? value.function : undefined;
  if (isObject(fn) && typeof fn.name === 'string') return { name: fn.name };
  throw invalid(
    'tool_choice',
    "'auto', 'none', 'required' or { type: 'function', function: { name } }",
  );
}

function responseFormat(value: unknown): ResponseFormat {
  if (!isObject(value)) throw invalid('response_format', 'an object');
  if (value.type === 'text' || value.type === 'json_object') return { type: value.type };
  const schema = value.json_schema;
  if (value.type === 'json_schema' && isObject(schema) && isObject(schema.schema)) {
    const strict = typeof schema.strict === 'boolean' ? { strict: schema.strict } : {};
    return {
      type: 'json_schema',
      name: string(schema.name, 'response_format.json_schema.name'),
      schema: schema.schema,
      ...strict,
    };
  }
  throw invalid('response_format.type', "'text', 'json_object' or 'json_schema' with a schema");
}

function number(value: unknown, param: string, min: number, max: number): number {
  if (typeof value !== 'number' || !(value >= min && value <= max))
    throw invalid(param, `a number from ${min} to ${max}`);
  return value;
}

function integer(value: unknown, param: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw invalid(param, 'an integer ≥ 0');
  return value as number;
}

function stop(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((s) => typeof s === 'string')) return value;
  throw invalid('stop', 'a string or an array of strings');
}

const present = (v: unknown): boolean => v !== undefined && v !== null;

function options(body: Json): Partial<Record<keyof CompletionRequest, unknown>> {
  const out: Partial<Record<keyof CompletionRequest, unknown>> = {};
  if (present(body.tools)) out.tools = tools(body.tools);
  if (present(body.tool_choice)) out.toolChoice = toolChoice(body.tool_choice);
  if (present(body.response_format)) out.responseFormat = responseFormat(body.response_format);
  if (present(body.temperature)) out.temperature = number(body.temperature, 'temperature', 0, 2);
  if (present(body.top_p)) out.topP = number(body.top_p, 'top_p', 0, 1);
  const max = present(body.max_completion_tokens) ? 'max_completion_tokens' : 'max_tokens';
  if (present(body[max])) out.maxTokens = integer(body[max], max);
  if (present(body.seed)) out.seed = integer(body.seed, 'seed');
  if (present(body.stop)) out.stop = stop(body.stop);
  if (present(body.user)) out.user = string(body.user, 'user');
  return out;
}

/** Validates an OpenAI chat completion body; a bad field throws a 400 naming it. */
export function parseChatCall(body: unknown): ChatCall {
  if (!isObject(body)) throw invalid('body', 'a JSON object');
  const model = body.model;
  if (typeof model !== 'string' || model === '') throw invalid('model', 'a model name');
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    throw invalid('messages', 'a non-empty array of messages');
  const messages = body.messages.map(message);
  if (present(body.stream) && typeof body.stream !== 'boolean')
    throw invalid('stream', 'a boolean');
  const streamOptions = body.stream_options;
  if (present(streamOptions) && !isObject(streamOptions))
    throw invalid('stream_options', 'an object');
  const request = { model, messages, ...options(body) } as CompletionRequest;
  return {
    request,
    stream: body.stream === true,
    includeUsage: isObject(streamOptions) && streamOptions.include_usage === true,
  };
}
