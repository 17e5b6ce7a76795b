import type { FinishReason, StreamDelta } from '@hotpath/protocol';
import {
  optionalCount,
  optionalObject,
  optionalString,
  requiredObject,
} from '@hotpath/provider-kit';
import { type EventMapper, parseEventJson, UpstreamStreamError } from '@hotpath/stream';
import {
  blockParts,
  finishReason,
  mergeUsage,
  toolArguments,
  toolIdentity,
  usage,
  wireUsage,
} from './parts.ts';
import type { WireBlockDelta, WireEvent, WireUsage } from './wire.ts';

/** A block event's `index`, checked; absent is -1. */
function blockIndex(event: WireEvent): number {
  return optionalCount(event.index, 'index') ?? -1;
}

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
export class AnthropicEvents implements EventMapper {
  done = false;
  #finish: FinishReason | undefined;
  #usage: WireUsage = {};
  #tools = 0;
  readonly #open = new Map<number, OpenTool>();

  event(data: string, out: StreamDelta[]): void {
    const event = requiredObject<WireEvent>(parseEventJson<unknown>(data), 'event');
    switch (optionalString(event.type, 'type')) {
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
        this.#usageOf(optionalObject<{ usage?: unknown }>(event.message, 'message')?.usage);
        return;
      case 'message_delta':
        this.#messageDelta(event);
        return;
      case 'message_stop':
        this.#close(out);
        return;
      case 'error':
        this.#error(event.error);
    }
  }

  #start(event: WireEvent, out: StreamDelta[]): void {
    if (event.content_block === undefined) return;
    const block = requiredObject<{ [field: string]: unknown }>(
      event.content_block,
      'content_block',
    );
    if (block.type !== 'tool_use') {
      blockParts(block, -1, out);
      return;
    }
    const index = this.#tools++;
    this.#open.set(blockIndex(event), { index, input: block.input, sent: false });
    out.push({ type: 'tool-call', index, ...toolIdentity(block), argumentsDelta: '' });
  }

  #delta(event: WireEvent, out: StreamDelta[]): void {
    const delta = optionalObject<WireBlockDelta>(event.delta, 'delta');
    if (delta === undefined) return;
    const type = optionalString(delta.type, 'delta.type');
    if (type === 'text_delta') {
      const text = optionalString(delta.text, 'delta.text');
      if (text) out.push({ type: 'text', text });
    } else if (type === 'thinking_delta') {
      const thinking = optionalString(delta.thinking, 'delta.thinking');
      if (thinking) out.push({ type: 'reasoning', text: thinking });
    } else if (type === 'input_json_delta') {
      const json = optionalString(delta.partial_json, 'delta.partial_json');
      const tool = json ? this.#open.get(blockIndex(event)) : undefined;
      if (tool === undefined) return;
      tool.sent = true;
      out.push({ type: 'tool-call', index: tool.index, argumentsDelta: json! });
    }
  }

  /** A tool block whose input came whole in its start (no argument text: `{}`) gets it now. */
  #stop(event: WireEvent, out: StreamDelta[]): void {
    const key = blockIndex(event);
    const tool = this.#open.get(key);
    if (tool === undefined) return;
    this.#open.delete(key);
    if (!tool.sent) {
      out.push({ type: 'tool-call', index: tool.index, argumentsDelta: toolArguments(tool.input) });
    }
  }

  #messageDelta(event: WireEvent): void {
    const delta = optionalObject<{ stop_reason?: unknown }>(event.delta, 'delta');
    if (delta?.stop_reason != null) this.#finish = finishReason(delta.stop_reason);
    this.#usageOf(event.usage);
  }

  #usageOf(wire: unknown): void {
    if (wire != null) this.#usage = mergeUsage(this.#usage, wireUsage(wire));
  }

  #error(value: unknown): never {
    const error = optionalObject<{ message?: unknown; type?: unknown }>(value, 'error');
    throw new UpstreamStreamError(
      optionalString(error?.message, 'error.message') ?? 'unknown error',
      optionalString(error?.type, 'error.type'),
    );
  }

  #close(out: StreamDelta[]): void {
    this.done = true;
    out.push({ type: 'usage', usage: usage(this.#usage) });
    out.push({ type: 'finish', reason: this.#finish ?? 'other' });
  }
}
