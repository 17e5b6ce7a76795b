import type { FinishReason, StreamDelta } from '@hotpath/protocol';
import { type EventMapper, parseEventJson, UpstreamStreamError } from '@hotpath/stream';
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
export class AnthropicEvents implements EventMapper {
  done = false;
  #finish: FinishReason | undefined;
  #usage: WireUsage = {};
  #tools = 0;
  readonly #open = new Map<number, OpenTool>();

  event(data: string, out: StreamDelta[]): void {
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
    this.done = true;
    out.push({ type: 'usage', usage: usage(this.#usage) });
    out.push({ type: 'finish', reason: this.#finish ?? 'other' });
  }
}
