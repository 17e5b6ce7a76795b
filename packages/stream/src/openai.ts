import type { FinishReason, StreamDelta, Usage } from '@hotpath/protocol';
import type { DecodeOptions, DeltaStream } from './delta-stream.ts';
import { TruncatedStreamError, UpstreamStreamError } from './errors.ts';
import type { ChunkHandler } from './internal/decoded-stream.ts';
import { decodeWith } from './internal/delta-decoder.ts';
import { parseChunk, parseSlice } from './internal/json.ts';
import { JsonFields } from './internal/json-fields.ts';
import { choicesEnd, choicesStart, plainText, tryParse } from './internal/openai-fast-path.ts';
import { SseParser } from './internal/sse-parser.ts';

interface OpenAIToolCall {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

interface OpenAIMessageDelta {
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  tool_calls?: OpenAIToolCall[];
}

interface OpenAIChoice {
  delta?: OpenAIMessageDelta | null;
  finish_reason?: string | null;
}

interface OpenAIUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

interface OpenAIChunk {
  choices?: OpenAIChoice[] | null;
  usage?: OpenAIUsage | null;
  error?: { message?: string; type?: string } | null;
}

const FINISH: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  function_call: 'tool_calls',
  content_filter: 'content_filter',
};

function toolDelta(call: OpenAIToolCall, position: number): StreamDelta {
  const fn = call.function;
  const index = call.index ?? position;
  const argumentsDelta = fn?.arguments ?? '';
  if (call.id === undefined && fn?.name === undefined) {
    return { type: 'tool-call', index, argumentsDelta };
  }
  if (fn?.name === undefined) return { type: 'tool-call', index, id: call.id!, argumentsDelta };
  if (call.id === undefined) return { type: 'tool-call', index, name: fn.name, argumentsDelta };
  return { type: 'tool-call', index, id: call.id, name: fn.name, argumentsDelta };
}

function toUsage(usage: OpenAIUsage): Usage {
  const cached = usage.prompt_tokens_details?.cached_tokens;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  return {
    inputTokens: usage.prompt_tokens ?? 0,
    outputTokens: usage.completion_tokens ?? 0,
    ...(cached === undefined ? {} : { cachedInputTokens: cached }),
    ...(reasoning === undefined ? {} : { reasoningTokens: reasoning }),
  };
}

/** Maps `chat.completion.chunk` events to deltas; usage and finish are held until `[DONE]`. */
class OpenAIHandler implements ChunkHandler<StreamDelta> {
  tokens = 0;
  readonly #parser: SseParser;
  readonly #fields = new JsonFields(['choices', 'usage', 'error']);
  #out: StreamDelta[] = [];
  #done = false;
  #fast = true;
  #finish: FinishReason | undefined;
  #usage: Usage | undefined;

  constructor(maxEventSize: number) {
    this.#parser = new SseParser((data) => this.#event(data), maxEventSize);
  }

  push(text: string, out: StreamDelta[]): void {
    this.#out = out;
    this.#parser.push(text);
  }

  end(): void {
    this.#parser.end();
    if (!this.#done) throw new TruncatedStreamError('`data: [DONE]`');
  }

  #event(data: string): void {
    if (this.#done) return;
    if (data === '[DONE]') {
      this.#close();
      return;
    }
    const start = this.#fast ? choicesStart(data) : -1;
    if (start >= 0) {
      const end = choicesEnd(data);
      if (end > start) {
        const text = plainText(data, start, end);
        if (text !== undefined) {
          if (text !== '') this.#text(text);
          return;
        }
        const choices = tryParse<OpenAIChoice[]>(data.slice(start, end));
        if (choices !== undefined) {
          this.#choices(choices);
          return;
        }
        this.#fast = false;
      }
    }
    this.#general(data);
  }

  #general(data: string): void {
    const fields = this.#fields;
    if (!fields.scan(data)) {
      this.#chunk(parseChunk<OpenAIChunk>(data));
      return;
    }
    const { starts, ends } = fields;
    if (starts[0]! >= 0) this.#choices(parseSlice(data, starts[0]!, ends[0]!));
    if (starts[1]! >= 0) this.#usageOf(parseSlice(data, starts[1]!, ends[1]!));
    if (starts[2]! >= 0) this.#errorOf(parseSlice(data, starts[2]!, ends[2]!));
  }

  #chunk(chunk: OpenAIChunk): void {
    if (chunk.choices != null) this.#choices(chunk.choices);
    this.#usageOf(chunk.usage);
    this.#errorOf(chunk.error);
  }

  #choices(choices: OpenAIChoice[]): void {
    const choice = choices[0];
    if (choice == null) return;
    if (choice.delta != null) this.#delta(choice.delta);
    if (choice.finish_reason != null) this.#finish = FINISH[choice.finish_reason] ?? 'other';
  }

  #usageOf(usage: OpenAIUsage | null | undefined): void {
    if (usage != null) this.#usage = toUsage(usage);
  }

  #errorOf(error: OpenAIChunk['error'] | null): void {
    if (error != null) throw new UpstreamStreamError(error.message ?? 'unknown error', error.type);
  }

  #delta(delta: OpenAIMessageDelta): void {
    const out = this.#out;
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (typeof reasoning === 'string' && reasoning !== '') {
      out.push({ type: 'reasoning', text: reasoning });
      this.tokens++;
    }
    const content = delta.content;
    if (typeof content === 'string' && content !== '') this.#text(content);
    const calls = delta.tool_calls;
    if (calls === undefined) return;
    for (let i = 0; i < calls.length; i++) out.push(toolDelta(calls[i]!, i));
    this.tokens += calls.length;
  }

  #text(text: string): void {
    this.#out.push({ type: 'text', text });
    this.tokens++;
  }

  #close(): void {
    this.#done = true;
    if (this.#usage !== undefined) {
      this.#out.push({ type: 'usage', usage: this.#usage });
      this.tokens = this.#usage.outputTokens;
    }
    this.#out.push({ type: 'finish', reason: this.#finish ?? 'other' });
  }
}

/**
 * Decodes an OpenAI (or OpenAI-compatible: vLLM, llama.cpp, OpenRouter, Ollama's `/v1`)
 * Chat Completions stream into deltas. Text, reasoning (`reasoning_content` / `reasoning`)
 * and tool-call fragments come as they arrive; usage (with cached and reasoning tokens,
 * when `stream_options.include_usage` was set) and the finish reason come last, at
 * `[DONE]`. Only the first choice is decoded.
 *
 * @param body - the response body: `response.body` from fetch, undici's `body`, any
 *   `AsyncIterable<Uint8Array>`
 * @example
 * ```ts
 * const upstream = new AbortController();
 * const res = await fetch(url, { method: 'POST', body, signal: upstream.signal });
 * for await (const delta of decodeOpenAI(res.body!, { upstream })) {
 *   if (delta.type === 'text') process.stdout.write(delta.text);
 * }
 * ```
 */
export function decodeOpenAI(
  body: AsyncIterable<Uint8Array>,
  options?: DecodeOptions,
): DeltaStream {
  return decodeWith('openai', 'decodeOpenAI', body, options, (max) => new OpenAIHandler(max));
}
