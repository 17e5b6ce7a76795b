import { messageBody, messageFrames } from './anthropic-frames.ts';
import {
  type ChatCall,
  type ChatDialect,
  type Dialect,
  type ErrorKind,
  isObject,
  lastUserText,
  positiveInt,
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
