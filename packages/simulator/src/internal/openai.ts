import {
  type ChatCall,
  type ChatDialect,
  type Dialect,
  type ErrorKind,
  functionTools,
  isObject,
  lastUserText,
  positiveInt,
  type ToolsErrors,
} from './dialect.ts';
import { chatBody, chatFrames } from './openai-frames.ts';
import type { ToolChoice } from './plan.ts';
import { openAiRateHeaders } from './rate-limiter.ts';

const ERROR_TYPES: Readonly<Record<ErrorKind, readonly [string, string | null]>> = {
  invalid: ['invalid_request_error', null],
  not_found: ['invalid_request_error', 'unknown_url'],
  too_large: ['invalid_request_error', 'request_too_large'],
  rate_limit: ['requests', 'rate_limit_exceeded'],
  server: ['server_error', null],
  overloaded: ['server_error', 'overloaded'],
};

/** Error shape and headers of the OpenAI API. */
export const openAiDialect: Dialect = {
  errorBody(kind, message) {
    const [type, code] = ERROR_TYPES[kind];
    return JSON.stringify({ error: { message, type, param: null, code } });
  },
  rateHeaders: openAiRateHeaders,
  baseHeaders(requestId) {
    return { 'x-request-id': requestId, 'openai-processing-ms': '1' };
  },
};

const TOOLS_ERRORS: ToolsErrors = {
  notArray: "Invalid 'tools': expected an array.",
  badTool:
    "Invalid 'tools': each tool must be { type: 'function', function: { name, parameters } }.",
};

function parseToolChoice(raw: unknown): ToolChoice {
  if (raw === 'none' || raw === 'required') return raw;
  if (isObject(raw) && isObject(raw.function) && typeof raw.function.name === 'string') {
    return { name: raw.function.name };
  }
  return 'auto';
}

function checkMessages(messages: unknown): string | undefined {
  if (!Array.isArray(messages) || messages.length === 0) {
    return "Invalid 'messages': expected a non-empty array of messages.";
  }
  const bad = messages.findIndex((m) => !isObject(m) || typeof m.role !== 'string');
  return bad === -1 ? undefined : `Invalid 'messages[${bad}]': expected an object with a 'role'.`;
}

/** Validates an OpenAI chat completion body. */
function parseChat(body: unknown): ChatCall | string {
  if (!isObject(body)) return 'The request body must be a JSON object.';
  if (typeof body.model !== 'string' || body.model === '')
    return 'you must provide a model parameter';
  const messagesError = checkMessages(body.messages);
  if (messagesError !== undefined) return messagesError;
  const messages = body.messages as unknown[];
  const maxTokens = positiveInt(
    body,
    body.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens',
  );
  if (typeof maxTokens === 'string') return maxTokens;
  const tools = functionTools(body.tools, TOOLS_ERRORS);
  if (typeof tools === 'string') return tools;
  const last = messages.at(-1) as Record<string, unknown>;
  return {
    model: body.model,
    stream: body.stream === true,
    conversation: JSON.stringify(messages),
    seed: Number.isInteger(body.seed) ? (body.seed as number) : undefined,
    maxTokens,
    tools,
    toolChoice: parseToolChoice(body.tool_choice),
    lastUserText: lastUserText(messages),
    endsWithToolResult: last.role === 'tool',
    includeUsage: isObject(body.stream_options) && body.stream_options.include_usage === true,
  };
}

/** `POST /v1/chat/completions`. */
export const openAiChat: ChatDialect = {
  ...openAiDialect,
  parse: parseChat,
  idPrefix: 'chatcmpl-',
  toolIdPrefix: 'call_',
  streamContentType: 'text/event-stream; charset=utf-8',
  frames: chatFrames,
  body: chatBody,
};
