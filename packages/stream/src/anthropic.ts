import type { FinishReason, StreamDelta, Usage } from '@hotpath/protocol';
import type { DecodeOptions, DeltaStream } from './delta-stream.ts';
import { TruncatedStreamError, UpstreamStreamError } from './errors.ts';
import type { ChunkHandler } from './internal/decoded-stream.ts';
import { decodeWith } from './internal/delta-decoder.ts';
import { parseChunk } from './internal/json.ts';
import { SseParser } from './internal/sse-parser.ts';

interface AnthropicUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

interface AnthropicEvent {
  type?: string;
  index?: number;
  message?: { usage?: AnthropicUsage };
  content_block?: { type?: string; id?: string; name?: string; text?: string; thinking?: string };
  delta?: {
    type?: string;
    text?: string;
    thinking?: string;
    partial_json?: string;
    stop_reason?: string | null;
  };
  usage?: AnthropicUsage;
  error?: { type?: string; message?: string };
}

const FINISH: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

/**
 * Maps Anthropic Messages events to deltas. Tool-use blocks are numbered 0, 1, … in
 * order of appearance (Anthropic's own `index` counts text blocks too).
 */
class AnthropicHandler implements ChunkHandler<StreamDelta> {
  tokens = 0;
  readonly #parser: SseParser;
  #out: StreamDelta[] = [];
  #done = false;
  #finish: FinishReason | undefined;
  #input = 0;
  #cached: number | undefined;
  #output = 0;
  #toolCount = 0;
  readonly #toolIndex = new Map<number, number>();

  constructor(maxEventSize: number) {
    this.#parser = new SseParser((data) => this.#event(data), maxEventSize);
  }

  push(text: string, out: StreamDelta[]): void {
    this.#out = out;
    this.#parser.push(text);
  }

  end(): void {
    this.#parser.end();
    if (!this.#done) throw new TruncatedStreamError('`message_stop`');
  }

  #event(data: string): void {
    if (this.#done) return;
    const event = parseChunk<AnthropicEvent>(data);
    switch (event.type) {
      case 'content_block_delta':
        this.#delta(event);
        return;
      case 'content_block_start':
        this.#blockStart(event);
        return;
      case 'message_start':
        this.#usage(event.message?.usage);
        return;
      case 'message_delta':
        if (event.delta?.stop_reason != null) {
          this.#finish = FINISH[event.delta.stop_reason] ?? 'other';
        }
        this.#usage(event.usage);
        return;
      case 'message_stop':
        this.#close();
        return;
      case 'error':
        throw new UpstreamStreamError(event.error?.message ?? 'unknown error', event.error?.type);
    }
  }

  #delta(event: AnthropicEvent): void {
    const delta = event.delta;
    if (delta === undefined) return;
    if (delta.type === 'text_delta' && delta.text) this.#push({ type: 'text', text: delta.text });
    else if (delta.type === 'thinking_delta' && delta.thinking) {
      this.#push({ type: 'reasoning', text: delta.thinking });
    } else if (delta.type === 'input_json_delta' && delta.partial_json) {
      const index = this.#toolIndex.get(event.index ?? -1);
      if (index !== undefined) {
        this.#push({ type: 'tool-call', index, argumentsDelta: delta.partial_json });
      }
    }
  }

  #blockStart(event: AnthropicEvent): void {
    const block = event.content_block;
    if (block?.type === 'text' && block.text) this.#push({ type: 'text', text: block.text });
    if (block?.type !== 'tool_use') return;
    const index = this.#toolCount++;
    this.#toolIndex.set(event.index ?? -1, index);
    this.#push({
      type: 'tool-call',
      index,
      id: block.id ?? '',
      name: block.name ?? '',
      argumentsDelta: '',
    });
  }

  #push(delta: StreamDelta): void {
    this.#out.push(delta);
    this.tokens++;
  }

  #usage(usage: AnthropicUsage | undefined): void {
    if (usage == null) return;
    const cacheRead = usage.cache_read_input_tokens ?? 0;
    const cacheWrite = usage.cache_creation_input_tokens ?? 0;
    if (usage.input_tokens !== undefined) this.#input = usage.input_tokens + cacheRead + cacheWrite;
    if (usage.cache_read_input_tokens != null) this.#cached = cacheRead;
    if (usage.output_tokens !== undefined) this.#output = usage.output_tokens;
  }

  #close(): void {
    this.#done = true;
    const usage: Usage =
      this.#cached === undefined
        ? { inputTokens: this.#input, outputTokens: this.#output }
        : { inputTokens: this.#input, outputTokens: this.#output, cachedInputTokens: this.#cached };
    this.#out.push({ type: 'usage', usage });
    this.#out.push({ type: 'finish', reason: this.#finish ?? 'other' });
    this.tokens = this.#output;
  }
}

/**
 * Decodes an Anthropic Messages stream (`content_block_delta`, `message_delta`, …) into
 * deltas: text, thinking as reasoning, tool-use input as tool-call fragments; usage
 * (input includes cache reads and writes; `cachedInputTokens` = cache reads) and the
 * finish reason come last, at `message_stop`. An `error` event fails the stream with
 * `HOTPATH_STREAM_UPSTREAM_ERROR`.
 *
 * @param body - the response body (`AsyncIterable<Uint8Array>`)
 * @example
 * ```ts
 * for await (const delta of decodeAnthropic(res.body!, { upstream })) console.log(delta);
 * ```
 */
export function decodeAnthropic(
  body: AsyncIterable<Uint8Array>,
  options?: DecodeOptions,
): DeltaStream {
  return decodeWith(
    'anthropic',
    'decodeAnthropic',
    body,
    options,
    (max) => new AnthropicHandler(max),
  );
}
