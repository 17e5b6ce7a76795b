import type { CompletionRequest, ProviderOptions } from '@hotpath/protocol';
import { invalidValue, unsupportedParameter } from '../errors.ts';
import {
  boolean,
  integer,
  number,
  responseFormat,
  stop,
  toolChoice,
  tools,
} from './chat-options.ts';
import { checkDepth, DEFAULT_MAX_DEPTH } from './json-depth.ts';
import { isObject, type Json, present } from './json-value.ts';
import { message } from './messages.ts';

/** A client's `POST /chat/completions` body, read by {@link parseChatRequest}. */
export interface ChatRequestCall {
  /** The request, for any provider. */
  readonly request: CompletionRequest;
  /** `stream: true`: answer with `chat.completion.chunk` events. */
  readonly stream: boolean;
  /** `stream_options.include_usage`: send a usage chunk before `[DONE]`. */
  readonly includeUsage: boolean;
}

/** Options of {@link parseChatRequest}. */
export interface ParseChatRequestOptions {
  /** Deepest JSON nesting accepted, counted from the body. @default DEFAULT_MAX_DEPTH (128) */
  readonly maxDepth?: number;
}

/** The parameters read into typed `CompletionRequest` fields (or handled here). */
const MAPPED: readonly string[] = [
  'model',
  'messages',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'temperature',
  'top_p',
  'max_tokens',
  'max_completion_tokens',
  'seed',
  'stop',
  'user',
  'presence_penalty',
  'frequency_penalty',
  'stream',
  'stream_options',
  'n',
  'logprobs',
  'top_logprobs',
  'modalities',
];

/**
 * Parameters no hotpath answer can carry, and why: each is refused with a 400 naming it
 * unless it is absent or `null`.
 */
const REFUSED: readonly (readonly [param: string, why: string])[] = [
  ['audio', 'audio output is not relayed; ask for text.'],
  ['functions', "the deprecated function-calling API is not relayed: send 'tools'."],
  ['function_call', "the deprecated function-calling API is not relayed: send 'tool_choice'."],
  [
    'web_search_options',
    'web search answers carry citations (annotations) that are not relayed; call the API directly.',
  ],
];

/** Each known top-level parameter: `true` when mapped, else why it is refused. */
const KNOWN: ReadonlyMap<string, true | string> = new Map<string, true | string>([
  ...MAPPED.map((param) => [param, true] as const),
  ...REFUSED,
]);

/**
 * One pass over the body's parameters: a refused one throws, and every parameter the request
 * type has no field for (`reasoning_effort`, `service_tier`, `logit_bias`,
 * `prediction`, `store`, `metadata`, a server's own extensions such as vLLM's `top_k` …) is kept
 * as it is for OpenAI-compatible upstreams.
 */
function passThrough(body: Json, maxDepth: number): ProviderOptions | undefined {
  let extra: Record<string, unknown> | undefined;
  // for…in over a parsed JSON object: its own keys, without an array of them per request.
  for (const key in body) {
    const known = KNOWN.get(key);
    if (known === true) continue;
    const value = body[key];
    if (!present(value)) continue;
    if (known !== undefined) throw unsupportedParameter(key, known);
    checkDepth(value, key, 2, maxDepth);
    extra ??= {};
    Object.defineProperty(extra, key, { value, enumerable: true });
  }
  return extra;
}

/** The parameters whose default passes (`n: 1`, `logprobs: false`, `modalities: ['text']`) and nothing else. */
function refuseOtherThanDefault(body: Json): void {
  if (present(body.n) && body.n !== 1)
    throw unsupportedParameter(
      'n',
      'one choice per call is returned; send n requests (with different seeds) instead.',
    );
  if (present(body.logprobs) && body.logprobs !== false)
    throw unsupportedParameter('logprobs', 'log probabilities are not relayed.');
  if (present(body.top_logprobs))
    throw unsupportedParameter('top_logprobs', 'log probabilities are not relayed.');
  const modalities = body.modalities;
  if (present(modalities) && !(Array.isArray(modalities) && modalities.every((m) => m === 'text')))
    throw unsupportedParameter('modalities', "only ['text'] is relayed.");
}

function maxTokens(body: Json): number | undefined {
  const { max_tokens: legacy, max_completion_tokens: current } = body;
  if (present(legacy) && present(current) && legacy !== current)
    throw invalidValue('max_completion_tokens', "the same value as 'max_tokens', or send only one");
  if (present(current)) return integer(current, 'max_completion_tokens');
  return present(legacy) ? integer(legacy, 'max_tokens') : undefined;
}

function seed(value: unknown): number {
  if (!Number.isSafeInteger(value)) throw invalidValue('seed', 'an integer');
  return value as number;
}

type Fields = { -readonly [K in keyof CompletionRequest]?: CompletionRequest[K] };

function sampling(body: Json, out: Fields): void {
  if (present(body.temperature)) out.temperature = number(body.temperature, 'temperature', 0, 2);
  if (present(body.top_p)) out.topP = number(body.top_p, 'top_p', 0, 1);
  const max = maxTokens(body);
  if (max !== undefined) out.maxTokens = max;
  if (present(body.seed)) out.seed = seed(body.seed);
  if (present(body.stop)) out.stop = stop(body.stop);
  if (present(body.presence_penalty))
    out.presencePenalty = number(body.presence_penalty, 'presence_penalty', -2, 2);
  if (present(body.frequency_penalty))
    out.frequencyPenalty = number(body.frequency_penalty, 'frequency_penalty', -2, 2);
}

function fields(out: Fields, body: Json, maxDepth: number): void {
  if (present(body.tools)) out.tools = tools(body.tools, maxDepth);
  if (present(body.tool_choice)) out.toolChoice = toolChoice(body.tool_choice);
  if (present(body.parallel_tool_calls))
    out.parallelToolCalls = boolean(body.parallel_tool_calls, 'parallel_tool_calls');
  if (present(body.response_format))
    out.responseFormat = responseFormat(body.response_format, maxDepth);
  sampling(body, out);
  if (present(body.user)) {
    if (typeof body.user !== 'string') throw invalidValue('user', 'a string');
    out.user = body.user;
  }
  const extra = passThrough(body, maxDepth);
  if (extra !== undefined) out.providerOptions = { openai: extra };
}

function streamOptions(body: Json): boolean {
  const options = body.stream_options;
  if (!present(options)) return false;
  if (!isObject(options)) throw invalidValue('stream_options', 'an object');
  // `include_obfuscation` is honoured by construction: this side never pads its chunks.
  for (const key of Object.keys(options)) {
    if (key !== 'include_usage' && key !== 'include_obfuscation' && present(options[key]))
      throw unsupportedParameter(`stream_options.${key}`, 'not relayed; leave it out.');
  }
  return (
    present(options.include_usage) && boolean(options.include_usage, 'stream_options.include_usage')
  );
}

/**
 * Reads an OpenAI Chat Completions request body, as a server receiving it from any OpenAI
 * client: the inverse of `openaiDialect.chat.body`. Every parameter is mapped to a
 * `CompletionRequest` field, kept in `providerOptions.openai` for OpenAI-compatible upstreams
 * (the ones the request type has no field for, and unknown ones), or refused: a malformed
 * field, one no answer can carry (`n > 1`, `logprobs`, audio output, web-search citations), or
 * JSON nested deeper than `maxDepth` throws an {@link OpenAIRequestError} naming it. Nothing a
 * client sent is dropped.
 *
 * @param body - the parsed JSON body
 * @param options - `maxDepth`
 * @example
 * ```ts
 * const { request, stream } = parseChatRequest(JSON.parse(text));
 * const answer = await host.complete(request);
 * ```
 */
export function parseChatRequest(
  body: unknown,
  options: ParseChatRequestOptions = {},
): ChatRequestCall {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  if (!isObject(body)) throw invalidValue('body', 'a JSON object');
  const model = body.model;
  if (typeof model !== 'string' || model === '') throw invalidValue('model', 'a model name');
  if (!Array.isArray(body.messages) || body.messages.length === 0)
    throw invalidValue('messages', 'a non-empty array of messages');
  refuseOtherThanDefault(body);
  const request: Fields = { model, messages: body.messages.map(message) };
  if (present(body.stream) && typeof body.stream !== 'boolean')
    throw invalidValue('stream', 'a boolean');
  const includeUsage = streamOptions(body);
  fields(request, body, maxDepth);
  return { request: request as CompletionRequest, stream: body.stream === true, includeUsage };
}
