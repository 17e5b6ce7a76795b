import {
  type ChatCall,
  type ChatContext,
  type ChatDialect,
  type Dialect,
  isObject,
  lastUserText,
  type StreamFrames,
} from './dialect.ts';
import type { ToolSpec } from './plan.ts';

/** Error shape of the Ollama API (it sends no rate-limit headers). */
export const ollamaDialect: Dialect = {
  errorBody(_kind, message) {
    return JSON.stringify({ error: message });
  },
  rateHeaders: () => ({}),
  baseHeaders: () => ({}),
};

function parseTools(raw: unknown): ToolSpec[] | string {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return 'json: cannot unmarshal tools: expected an array';
  const tools: ToolSpec[] = [];
  for (const tool of raw) {
    const fn = isObject(tool) ? tool.function : undefined;
    if (!isObject(fn) || typeof fn.name !== 'string')
      return 'invalid tool: expected { type: "function", function: { name } }';
    tools.push({ name: fn.name, parameters: fn.parameters });
  }
  return tools;
}

function numPredict(options: Record<string, unknown>): number | undefined | string {
  const value = options.num_predict;
  if (value === undefined || value === null || value === -1 || value === -2) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  return `invalid options.num_predict: ${JSON.stringify(value)}`;
}

/** Validates an Ollama `/api/chat` body. */
function parseChat(body: unknown): ChatCall | string {
  if (!isObject(body)) return 'invalid request body: expected a JSON object';
  if (typeof body.model !== 'string' || body.model === '') return 'model is required';
  const messages = body.messages ?? [];
  if (!Array.isArray(messages) || !messages.every(isObject))
    return 'messages must be an array of objects';
  const options = isObject(body.options) ? body.options : {};
  const maxTokens = numPredict(options);
  if (typeof maxTokens === 'string') return maxTokens;
  const tools = parseTools(body.tools);
  if (typeof tools === 'string') return tools;
  return {
    model: body.model,
    stream: body.stream !== false,
    conversation: JSON.stringify(messages),
    seed: Number.isInteger(options.seed) ? (options.seed as number) : undefined,
    maxTokens,
    tools,
    toolChoice: 'auto',
    lastUserText: lastUserText(messages),
    endsWithToolResult: messages.at(-1)?.role === 'tool',
    includeUsage: false,
  };
}

function parsedArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function message(ctx: ChatContext, content: string): Record<string, unknown> {
  if (ctx.plan.kind === 'text') return { role: 'assistant', content };
  const call = {
    function: { name: ctx.plan.toolName, arguments: parsedArguments(ctx.plan.tokens.join('')) },
  };
  return { role: 'assistant', content: '', tool_calls: [call] };
}

function final(ctx: ChatContext, content: string): string {
  const elapsedNs = Math.round(ctx.elapsedMs() * 1e6);
  return JSON.stringify({
    model: ctx.call.model,
    created_at: new Date().toISOString(),
    message: message(ctx, content),
    done: true,
    done_reason: ctx.plan.truncated ? 'length' : 'stop',
    total_duration: elapsedNs + 1000,
    load_duration: 1000,
    prompt_eval_count: ctx.plan.promptTokens,
    prompt_eval_duration: 1000,
    eval_count: ctx.plan.tokens.length,
    eval_duration: elapsedNs,
  });
}

/**
 * The NDJSON lines of one streamed answer. Like Ollama, a tool call is not streamed in
 * fragments: it arrives whole in one line once its arguments are complete.
 */
function chatFrames(ctx: ChatContext): StreamFrames {
  const prefix = `{"model":${JSON.stringify(ctx.call.model)},"created_at":"`;
  const last = ctx.plan.tokens.length - 1;
  const token = (index: number): string => {
    if (ctx.plan.kind === 'tool') {
      if (index !== last) return '';
      const line = {
        model: ctx.call.model,
        created_at: new Date().toISOString(),
        message: message(ctx, ''),
        done: false,
      };
      return `${JSON.stringify(line)}\n`;
    }
    const content = JSON.stringify(ctx.plan.tokens[index]);
    return `${prefix}${new Date().toISOString()}","message":{"role":"assistant","content":${content}},"done":false}\n`;
  };
  return {
    head: () => '',
    token,
    tail: () => `${final({ ...ctx, plan: { ...ctx.plan, kind: 'text' } }, '')}\n`,
    malformed: () => `${prefix}${new Date().toISOString()}","message":{"role":"assist\n`,
  };
}

/** `POST /api/chat`. */
export const ollamaChat: ChatDialect = {
  ...ollamaDialect,
  parse: parseChat,
  idPrefix: '',
  toolIdPrefix: '',
  streamContentType: 'application/x-ndjson',
  frames: chatFrames,
  body: (ctx) => final(ctx, ctx.plan.tokens.join('')),
};
