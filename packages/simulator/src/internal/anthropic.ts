import {
  type ChatCall,
  type ChatContext,
  type ChatDialect,
  type Dialect,
  type ErrorKind,
  isObject,
  lastUserText,
  positiveInt,
  type StreamFrames,
} from './dialect.ts';
import type { ToolChoice, ToolSpec } from './plan.ts';
import { anthropicRateHeaders } from './rate-limiter.ts';

const ERROR_TYPES: Readonly<Record<ErrorKind, string>> = {
  invalid: 'invalid_request_error',
  not_found: 'not_found_error',
  too_large: 'request_too_large',
  rate_limit: 'rate_limit_error',
  server: 'api_error',
  overloaded: 'overloaded_error',
};

/** Error shape and headers of the Anthropic API. */
export const anthropicDialect: Dialect = {
  errorBody(kind, message) {
    return JSON.stringify({ type: 'error', error: { type: ERROR_TYPES[kind], message } });
  },
  rateHeaders: anthropicRateHeaders,
  baseHeaders(requestId) {
    return { 'request-id': requestId };
  },
};

function parseTools(raw: unknown): ToolSpec[] | string {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return 'tools: Input should be a valid list';
  const tools: ToolSpec[] = [];
  for (const tool of raw) {
    if (!isObject(tool) || typeof tool.name !== 'string')
      return 'tools: each tool needs a name and an input_schema';
    tools.push({ name: tool.name, parameters: tool.input_schema });
  }
  return tools;
}

function parseToolChoice(raw: unknown): ToolChoice {
  if (!isObject(raw)) return 'auto';
  if (raw.type === 'none') return 'none';
  if (raw.type === 'any') return 'required';
  if (raw.type === 'tool' && typeof raw.name === 'string') return { name: raw.name };
  return 'auto';
}

function endsWithToolResult(messages: readonly unknown[]): boolean {
  const last = messages.at(-1);
  if (!isObject(last) || !Array.isArray(last.content)) return false;
  return last.content.some((part) => isObject(part) && part.type === 'tool_result');
}

function conversation(system: unknown, messages: readonly unknown[]): string {
  if (system === undefined || system === null) return JSON.stringify(messages);
  return JSON.stringify([{ role: 'system', content: system }, ...messages]);
}

function checkBody(body: Record<string, unknown>): string | undefined {
  if (typeof body.model !== 'string' || body.model === '') return 'model: Field required';
  if (body.max_tokens === undefined) return 'max_tokens: Field required';
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    return 'messages: at least one message is required';
  const bad = body.messages.findIndex((m) => !isObject(m) || typeof m.role !== 'string');
  return bad === -1 ? undefined : `messages.${bad}: expected an object with a role`;
}

/** Validates an Anthropic Messages body. */
function parseMessages(body: unknown): ChatCall | string {
  if (!isObject(body)) return 'The request body must be a JSON object.';
  const problem = checkBody(body);
  if (problem !== undefined) return problem;
  const maxTokens = positiveInt(body, 'max_tokens');
  if (typeof maxTokens === 'string') return maxTokens;
  const tools = parseTools(body.tools);
  if (typeof tools === 'string') return tools;
  const messages = body.messages as unknown[];
  return {
    model: body.model as string,
    stream: body.stream === true,
    conversation: conversation(body.system, messages),
    seed: undefined,
    maxTokens,
    tools,
    toolChoice: parseToolChoice(body.tool_choice),
    lastUserText: lastUserText(messages),
    endsWithToolResult: endsWithToolResult(messages),
    includeUsage: false,
  };
}

function stopReason(ctx: ChatContext): string {
  if (ctx.plan.truncated) return 'max_tokens';
  return ctx.plan.kind === 'tool' ? 'tool_use' : 'end_turn';
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

function startBlock(ctx: ChatContext): Record<string, unknown> {
  if (ctx.plan.kind === 'text') return { type: 'text', text: '' };
  return { type: 'tool_use', id: ctx.toolId, name: ctx.plan.toolName, input: {} };
}

function messageStart(ctx: ChatContext): string {
  const usage = {
    input_tokens: ctx.plan.promptTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: 1,
  };
  const message = {
    id: ctx.id,
    type: 'message',
    role: 'assistant',
    model: ctx.call.model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage,
  };
  return event('message_start', { type: 'message_start', message });
}

/** The named SSE events of one streamed answer, as the Messages API sends them. */
function messageFrames(ctx: ChatContext): StreamFrames {
  const deltaType = ctx.plan.kind === 'text' ? 'text_delta' : 'input_json_delta';
  const field = ctx.plan.kind === 'text' ? 'text' : 'partial_json';
  const prefix = `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"${deltaType}","${field}":`;
  return {
    head: () =>
      messageStart(ctx) +
      event('content_block_start', {
        type: 'content_block_start',
        index: 0,
        content_block: startBlock(ctx),
      }) +
      event('ping', { type: 'ping' }),
    token: (index) => `${prefix}${JSON.stringify(ctx.plan.tokens[index])}}}\n\n`,
    tail: () =>
      event('content_block_stop', { type: 'content_block_stop', index: 0 }) +
      event('message_delta', {
        type: 'message_delta',
        delta: { stop_reason: stopReason(ctx), stop_sequence: null },
        usage: { output_tokens: ctx.plan.tokens.length },
      }) +
      event('message_stop', { type: 'message_stop' }),
    malformed: () => `${prefix}"\n\n`,
  };
}

function toolInput(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** The non-streaming `message` body. */
function messageBody(ctx: ChatContext): string {
  const text = ctx.plan.tokens.join('');
  const block =
    ctx.plan.kind === 'text'
      ? { type: 'text', text }
      : { type: 'tool_use', id: ctx.toolId, name: ctx.plan.toolName, input: toolInput(text) };
  const usage = {
    input_tokens: ctx.plan.promptTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: ctx.plan.tokens.length,
  };
  const message = {
    id: ctx.id,
    type: 'message',
    role: 'assistant',
    model: ctx.call.model,
    content: [block],
  };
  return JSON.stringify({ ...message, stop_reason: stopReason(ctx), stop_sequence: null, usage });
}

/** `POST /v1/messages`. */
export const anthropicMessages: ChatDialect = {
  ...anthropicDialect,
  parse: parseMessages,
  idPrefix: 'msg_01',
  toolIdPrefix: 'toolu_01',
  streamContentType: 'text/event-stream; charset=utf-8',
  frames: messageFrames,
  body: messageBody,
};
