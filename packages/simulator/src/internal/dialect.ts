import type { ResponsePlan, ToolChoice, ToolSpec } from './plan.ts';
import type { RateLimitState } from './rate-limiter.ts';

/** Why a request failed, mapped to each provider's error type names. */
export type ErrorKind =
  | 'invalid'
  | 'not_found'
  | 'too_large'
  | 'rate_limit'
  | 'server'
  | 'overloaded';

/** The HTTP status of each {@link ErrorKind}. */
export const ERROR_STATUS: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  not_found: 404,
  too_large: 413,
  rate_limit: 429,
  server: 500,
  overloaded: 503,
};

/** How one provider family shapes errors and headers. */
export interface Dialect {
  /** The JSON body of an error response. */
  errorBody(kind: ErrorKind, message: string): string;
  /** Rate-limit headers sent on every response. */
  rateHeaders(state: RateLimitState): Record<string, string>;
  /** Headers every response carries (request id and the like). */
  baseHeaders(requestId: string): Record<string, string>;
}

/** A chat request normalised across providers. */
export interface ChatCall {
  readonly model: string;
  readonly stream: boolean;
  /** Canonical text of the conversation; the answer is a function of it and the seed. */
  readonly conversation: string;
  readonly seed: number | undefined;
  readonly maxTokens: number | undefined;
  readonly tools: readonly ToolSpec[];
  readonly toolChoice: ToolChoice;
  readonly lastUserText: string;
  readonly endsWithToolResult: boolean;
  /** OpenAI `stream_options.include_usage`. */
  readonly includeUsage: boolean;
}

/** Everything a chat dialect needs to render frames or a body for one response. */
export interface ChatContext {
  readonly call: ChatCall;
  readonly plan: ResponsePlan;
  /** Response id, e.g. `chatcmpl-…` or `msg_…`. */
  readonly id: string;
  /** Unix seconds. */
  readonly created: number;
  /** Milliseconds the generation took, for Ollama's durations. */
  elapsedMs(): number;
}

/** The frames of one streamed answer. */
export interface StreamFrames {
  /** Sent together with the first token: role chunk, message_start… */
  head(): string;
  /** Frames of step `index` of the plan, including any block change before it. */
  token(index: number): string;
  /** Closing frames of the last block, finish frames and the end marker. */
  tail(): string;
  /** A frame whose JSON is cut off. */
  malformed(): string;
  /** The provider's in-band error event, sent before a `stream-error` fault ends the stream. */
  error(): string;
}

/** A provider's chat endpoint. */
export interface ChatDialect extends Dialect {
  /** Validates a parsed body; returns the call or an error message for a 400. */
  parse(body: unknown): ChatCall | string;
  /** Tool-call id prefix, e.g. `call_`. */
  readonly toolIdPrefix: string;
  /** Response id prefix. */
  readonly idPrefix: string;
  /** Content type of the streamed body. */
  readonly streamContentType: string;
  frames(ctx: ChatContext): StreamFrames;
  /** The non-streaming response body. */
  body(ctx: ChatContext): string;
}

/** Finish reason of a plan, in OpenAI's vocabulary. */
export function openAiFinish(plan: ResponsePlan): 'stop' | 'length' | 'tool_calls' {
  return plan.finish === 'tool' ? 'tool_calls' : plan.finish;
}

/** The tokens of every block of `kind`, joined. */
export function blockText(plan: ResponsePlan, kind: 'reasoning' | 'text'): string {
  let text = '';
  for (const block of plan.blocks) if (block.kind === kind) text += block.tokens.join('');
  return text;
}

/** `text` parsed as JSON, or `{}` when it is cut off (tool arguments truncated by max tokens). */
export function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/** True for a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a server answers to a bad `tools` field, in its own words. */
export interface ToolsErrors {
  /** `tools` is not an array. */
  readonly notArray: string;
  /** A tool is not `{ type: 'function', function: { name } }`. */
  readonly badTool: string;
}

/**
 * `tools` in OpenAI's shape (`{ type: 'function', function: { name, parameters } }`), which
 * Ollama's API uses too; a string is the server's error message.
 */
export function functionTools(raw: unknown, errors: ToolsErrors): ToolSpec[] | string {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return errors.notArray;
  const tools: ToolSpec[] = [];
  for (const tool of raw) {
    const fn = isObject(tool) ? tool.function : undefined;
    if (!isObject(fn) || typeof fn.name !== 'string') return errors.badTool;
    tools.push({ name: fn.name, parameters: fn.parameters });
  }
  return tools;
}

/** A positive integer field, or undefined; a string error message for anything else. */
export function positiveInt(
  body: Record<string, unknown>,
  field: string,
): number | undefined | string {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  return `Invalid '${field}': expected an integer greater than or equal to 1, got ${JSON.stringify(value)}.`;
}

/** The text of a message `content`: a string, or the text parts of an array of parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (isObject(part) && typeof part.text === 'string') text += part.text;
  }
  return text;
}

/** The text of the last message with role `user`. */
export function lastUserText(messages: readonly unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (isObject(message) && message.role === 'user') return contentText(message.content);
  }
  return '';
}
