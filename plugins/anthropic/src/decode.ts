import type { FinishReason, StreamDelta } from '@hotpath/protocol';
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
import { blockParts, finishReason, mergeUsage, toolArguments, usage } from './parts.ts';
import type { WireEvent, WireUsage } from './wire.ts';

/** A `tool_use` block between its start and its stop. */
interface OpenTool {
  /** Its number among tool calls. */
  readonly index: number;
  /** The input `content_block_start` announced: the whole input when no `input_json_delta` follows. */
  readonly input: unknown;
  /** True once argument text arrived. */
  sent: boolean;
}

/**
 * Maps Messages events to deltas. Tool-use blocks are numbered 0, 1, … in order of appearance
 * (Anthropic's own `index` counts every block); usage is merged over `message_start` and
 * `message_delta` and, with the finish reason, comes at `message_stop`.
 */
class AnthropicEvents implements EventMapper {
  #done = false;
  #finish: FinishReason | undefined;
  #usage: WireUsage = {};
  #tools = 0;
  readonly #open = new Map<number, OpenTool>();

  event(data: string, out: StreamDelta[]): void {
    if (this.#done) return;
    const event = parseEventJson<WireEvent>(data);
    switch (event.type) {
      case 'content_block_delta':
        this.#delta(event, out);
        return;
      case 'content_block_start':
        this.#start(event, out);
        return;
      case 'content_block_stop':
        this.#stop(event, out);
        return;
      case 'message_start':
        this.#usageOf(event.message?.usage);
        return;
      case 'message_delta':
        if (event.delta?.stop_reason != null) this.#finish = finishReason(event.delta.stop_reason);
        this.#usageOf(event.usage);
        return;
      case 'message_stop':
        this.#close(out);
        return;
      case 'error':
        throw new UpstreamStreamError(event.error?.message ?? 'unknown error', event.error?.type);
    }
  }

  end(): void {
    if (!this.#done) throw new TruncatedStreamError('`message_stop`');
  }

  #start(event: WireEvent, out: StreamDelta[]): void {
    const block = event.content_block;
    if (block === undefined) return;
    if (block.type !== 'tool_use') {
      blockParts(block, -1, out);
      return;
    }
    const tool = block as { id?: string; name?: string; input?: unknown };
    const index = this.#tools++;
    this.#open.set(event.index ?? -1, { index, input: tool.input, sent: false });
    out.push({
      type: 'tool-call',
      index,
      id: tool.id ?? '',
      name: tool.name ?? '',
      argumentsDelta: '',
    });
  }

  #delta(event: WireEvent, out: StreamDelta[]): void {
    const delta = event.delta;
    if (delta === undefined) return;
    if (delta.type === 'text_delta' && delta.text) out.push({ type: 'text', text: delta.text });
    else if (delta.type === 'thinking_delta' && delta.thinking) {
      out.push({ type: 'reasoning', text: delta.thinking });
    } else if (delta.type === 'input_json_delta' && delta.partial_json) {
      const tool = this.#open.get(event.index ?? -1);
      if (tool === undefined) return;
      tool.sent = true;
      out.push({ type: 'tool-call', index: tool.index, argumentsDelta: delta.partial_json });
    }
  }

  /** A tool block whose input came whole in its start (no argument text: `{}`) gets it now. */
  #stop(event: WireEvent, out: StreamDelta[]): void {
    const key = event.index ?? -1;
    const tool = this.#open.get(key);
    if (tool === undefined) return;
    this.#open.delete(key);
    if (!tool.sent) {
      out.push({ type: 'tool-call', index: tool.index, argumentsDelta: toolArguments(tool.input) });
    }
  }

  #usageOf(wire: WireUsage | null | undefined): void {
    if (wire != null) this.#usage = mergeUsage(this.#usage, wire);
  }

  #close(out: StreamDelta[]): void {
    this.#done = true;
    out.push({ type: 'usage', usage: usage(this.#usage) });
    out.push({ type: 'finish', reason: this.#finish ?? 'other' });
  }
}

const ANTHROPIC_EVENTS: EventDecoderSpec = {
  format: 'sse',
  provider: 'anthropic',
  caller: 'decodeAnthropic',
  create: () => new AnthropicEvents(),
};

/**
 * Decodes an Anthropic Messages stream (`message_start`, `content_block_*`, `message_delta`,
 * `message_stop`) into deltas: text, thinking as reasoning, tool-use input as tool-call
 * fragments (a tool called without input gives `{}`, as the non-streaming answer does); usage
 * (input includes cache reads and writes; `cachedInputTokens` = reads, `cacheWriteInputTokens` =
 * writes) and the finish reason come last, at `message_stop`. An `error` event fails the stream
 * with `HOTPATH_STREAM_UPSTREAM_ERROR`.
 *
 * @param body - the response body (`AsyncIterable<Uint8Array>`)
 * @param options - `signal`, `upstream` (aborted when the stream stops early), `maxEventSize`, `startedAt`
 * @example
 * ```ts
 * for await (const delta of decodeAnthropic(res.body!, { upstream })) console.log(delta);
 * ```
 */
export function decodeAnthropic(
  body: AsyncIterable<Uint8Array>,
  options?: DecodeOptions,
): DeltaStream {
  return decodeEvents(body, ANTHROPIC_EVENTS, options);
}
