import type { FinishReason, StreamDelta, Usage } from '@hotpath/protocol';
import {
  type DecodeOptions,
  type DeltaStream,
  decodeEvents,
  type EventDecoderSpec,
  type EventMapper,
  parseEventJson,
  TruncatedStreamError,
  UpstreamStreamError,
} from '@hotpath/stream';
import { choicesEnd, choicesStart, plainText, tryParse } from './fast-path.ts';
import { JsonFields } from './json-fields.ts';
import { finishReason, messageParts, usage } from './parts.ts';
import type { WireChunk, WireChunkChoice, WireUsage } from './wire.ts';

/** Maps `chat.completion.chunk` events to deltas; usage and finish are held until `[DONE]`. */
class OpenAIEvents implements EventMapper {
  readonly #fields = new JsonFields(['choices', 'usage', 'error']);
  #done = false;
  #fast = true;
  #finish: FinishReason | undefined;
  #usage: Usage | undefined;

  event(data: string, out: StreamDelta[]): void {
    if (this.#done) return;
    if (data === '[DONE]') {
      this.#close(out);
      return;
    }
    if (!this.#fastPath(data, out)) this.#general(data, out);
  }

  end(): void {
    if (!this.#done) throw new TruncatedStreamError('`data: [DONE]`');
  }

  /** The common one-text-delta chunk without a full parse; false sends the event down the general path. */
  #fastPath(data: string, out: StreamDelta[]): boolean {
    const start = this.#fast ? choicesStart(data) : -1;
    if (start < 0) return false;
    const end = choicesEnd(data);
    if (end <= start) return false;
    const text = plainText(data, start, end);
    if (text !== undefined) {
      if (text !== '') out.push({ type: 'text', text });
      return true;
    }
    const choices = tryParse<WireChunkChoice[]>(data.slice(start, end));
    if (choices !== undefined) {
      this.#choices(choices, out);
      return true;
    }
    this.#fast = false;
    return false;
  }

  #general(data: string, out: StreamDelta[]): void {
    const fields = this.#fields;
    if (!fields.scan(data)) {
      this.#chunk(parseEventJson<WireChunk>(data), out);
      return;
    }
    const { starts, ends } = fields;
    if (starts[0]! >= 0) this.#choices(parseEventJson(data, starts[0]!, ends[0]!), out);
    if (starts[1]! >= 0) this.#usageOf(parseEventJson(data, starts[1]!, ends[1]!));
    if (starts[2]! >= 0) this.#errorOf(parseEventJson(data, starts[2]!, ends[2]!));
  }

  #chunk(chunk: WireChunk, out: StreamDelta[]): void {
    if (chunk.choices != null) this.#choices(chunk.choices, out);
    this.#usageOf(chunk.usage);
    this.#errorOf(chunk.error);
  }

  #choices(choices: readonly WireChunkChoice[], out: StreamDelta[]): void {
    const choice = choices[0];
    if (choice == null) return;
    if (choice.delta != null) messageParts(choice.delta, out);
    if (choice.finish_reason != null) this.#finish = finishReason(choice.finish_reason);
  }

  #usageOf(wire: WireUsage | null | undefined): void {
    if (wire != null) this.#usage = usage(wire);
  }

  #errorOf(error: WireChunk['error'] | null): void {
    if (error != null) throw new UpstreamStreamError(error.message ?? 'unknown error', error.type);
  }

  #close(out: StreamDelta[]): void {
    this.#done = true;
    if (this.#usage !== undefined) out.push({ type: 'usage', usage: this.#usage });
    out.push({ type: 'finish', reason: this.#finish ?? 'other' });
  }
}

const OPENAI_EVENTS: EventDecoderSpec = {
  format: 'sse',
  provider: 'openai',
  caller: 'decodeOpenAI',
  create: () => new OpenAIEvents(),
};

/**
 * Decodes an OpenAI (or OpenAI-compatible: vLLM, llama.cpp, OpenRouter, DeepSeek, Ollama's `/v1`)
 * Chat Completions stream into deltas. Text, reasoning (`reasoning_content` / `reasoning`) and
 * tool-call fragments come as they arrive; usage (with cached and reasoning tokens, when
 * `stream_options.include_usage` was set) and the finish reason come last, at `[DONE]`. Only the
 * first choice is decoded. The non-streaming answer is mapped by the same per-part functions,
 * so both give the same result.
 *
 * @param body - the response body: `response.body` from fetch, undici's `body`, any
 *   `AsyncIterable<Uint8Array>`
 * @param options - `signal`, `upstream` (aborted when the stream stops early), `maxEventSize`, `startedAt`
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
  return decodeEvents(body, OPENAI_EVENTS, options);
}
