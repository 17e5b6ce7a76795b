import {
  type ChatCall,
  type ChatDialect,
  type Dialect,
  functionTools,
  isObject,
  lastUserText,
  type ToolsErrors,
} from './dialect.ts';
import { chatBody, chatFrames } from './ollama-frames.ts';

/** Error shape of the Ollama API (it sends no rate-limit headers). */
export const ollamaDialect: Dialect = {
  errorBody(_kind, message) {
    return JSON.stringify({ error: message });
  },
  rateHeaders: () => ({}),
  baseHeaders: () => ({}),
};

const TOOLS_ERRORS: ToolsErrors = {
  notArray: 'json: cannot unmarshal tools: expected an array',
  badTool: 'invalid tool: expected { type: "function", function: { name } }',
};

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
  const tools = functionTools(body.tools, TOOLS_ERRORS);
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

/** `POST /api/chat`. */
export const ollamaChat: ChatDialect = {
  ...ollamaDialect,
  parse: parseChat,
  idPrefix: '',
  toolIdPrefix: '',
  streamContentType: 'application/x-ndjson',
  frames: chatFrames,
  body: chatBody,
};
