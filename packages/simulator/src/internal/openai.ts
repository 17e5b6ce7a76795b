import {
  type ChatCall,
  type ChatContext,
  type ChatDialect,
  type Dialect,
  type ErrorKind,
  isObject,
  lastUserText,
  openAiFinish,
  positiveInt,
  type StreamFrames,
} from './dialect.ts';
import type { ToolChoice, ToolSpec } from './plan.ts';
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

function parseTools(raw: unknown): ToolSpec[] | string {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return "Invalid 'tools': expected an array.";
  const tools: ToolSpec[] = [];
  for (const tool of raw) {
    const fn = isObject(tool) ? tool.function : undefined;
    if (!isObject(fn) || typeof fn.name !== 'string') {
      return "Invalid 'tools': each tool must be { type: 'function', function: { name, parameters } }.";
    }
    tools.push({ name: fn.name, parameters: fn.parameters });
  }
  return tools;
}

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
  const tools = parseTools(body.tools);
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

function usage(ctx: ChatContext): Record<string, unknown> {
  const completion = ctx.plan.tokens.length;
  return {
    prompt_tokens: ctx.plan.promptTokens,
    completion_tokens: completion,
    total_tokens: ctx.plan.promptTokens + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function chunkPrefix(ctx: ChatContext): string {
  const head = {
    id: ctx.id,
    object: 'chat.completion.chunk',
    created: ctx.created,
    model: ctx.call.model,
  };
  return `data: ${JSON.stringify({ ...head, service_tier: 'default', system_fingerprint: 'fp_sim' }).slice(0, -1)},"choices":[{"index":0,"delta":`;
}

function firstDelta(ctx: ChatContext): string {
  if (ctx.plan.kind === 'text') return '{"role":"assistant","content":"","refusal":null}';
  const call = {
    index: 0,
    id: ctx.toolId,
    type: 'function',
    function: { name: ctx.plan.toolName, arguments: '' },
  };
  return JSON.stringify({ role: 'assistant', content: null, tool_calls: [call], refusal: null });
}

function tokenDelta(ctx: ChatContext, token: string): string {
  const text = JSON.stringify(token);
  return ctx.plan.kind === 'text'
    ? `{"content":${text}}`
    : `{"tool_calls":[{"index":0,"function":{"arguments":${text}}}]}`;
}

/** The `chat.completion.chunk` frames of one streamed answer, exactly as OpenAI sends them. */
function chatFrames(ctx: ChatContext): StreamFrames {
  const prefix = chunkPrefix(ctx);
  const usageSuffix = ctx.call.includeUsage ? ',"usage":null}\n\n' : '}\n\n';
  const frame = (delta: string, finish: string): string =>
    `${prefix}${delta},"logprobs":null,"finish_reason":${finish}}]${usageSuffix}`;
  return {
    head: () => frame(firstDelta(ctx), 'null'),
    token: (index) => frame(tokenDelta(ctx, ctx.plan.tokens[index]!), 'null'),
    tail() {
      let out = frame('{}', `"${openAiFinish(ctx.plan)}"`);
      if (ctx.call.includeUsage) {
        out += `${prefix.slice(0, prefix.indexOf('"choices"'))}"choices":[],"usage":${JSON.stringify(usage(ctx))}}\n\n`;
      }
      return `${out}data: [DONE]\n\n`;
    },
    malformed: () => `${prefix}{"content":"\n\n`,
  };
}

function message(ctx: ChatContext): Record<string, unknown> {
  const text = ctx.plan.tokens.join('');
  if (ctx.plan.kind === 'text')
    return { role: 'assistant', content: text, refusal: null, annotations: [] };
  const call = {
    id: ctx.toolId,
    type: 'function',
    function: { name: ctx.plan.toolName, arguments: text },
  };
  return { role: 'assistant', content: null, tool_calls: [call], refusal: null, annotations: [] };
}

/** The non-streaming `chat.completion` body. */
function chatBody(ctx: ChatContext): string {
  return JSON.stringify({
    id: ctx.id,
    object: 'chat.completion',
    created: ctx.created,
    model: ctx.call.model,
    choices: [
      { index: 0, message: message(ctx), logprobs: null, finish_reason: openAiFinish(ctx.plan) },
    ],
    usage: usage(ctx),
    service_tier: 'default',
    system_fingerprint: 'fp_sim',
  });
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
