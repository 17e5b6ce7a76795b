import type { FinishReason, StreamDelta, Usage } from '@hotpath/protocol';
import { optionalArray, optionalString, requiredObject } from '@hotpath/provider-kit';
import { type EventMapper, parseEventJson, UpstreamStreamError } from '@hotpath/stream';
import { choicesEnd, choicesStart, plainText, tryParse } from './fast-path.ts';
import { JsonFields } from './json-fields.ts';
import { finishReason, messageParts, usage } from './parts.ts';
import type { WireChunk, WireChunkChoice } from './wire.ts';

/** Maps `chat.completion.chunk` events to deltas; usage and finish are held until `[DONE]`. */
export class OpenAIEvents implements EventMapper {
  done = false;
  readonly #fields = new JsonFields(['choices', 'usage', 'error']);
  #fast = true;
  #finish: FinishReason | undefined;
  #usage: Usage | undefined;

  event(data: string, out: StreamDelta[]): void {
    if (data === '[DONE]') {
      this.#close(out);
      return;
    }
    if (!this.#fastPath(data, out)) this.#general(data, out);
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
    const choices = tryParse<unknown>(data.slice(start, end));
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
      this.#chunk(parseEventJson<unknown>(data), out);
      return;
    }
    const { starts, ends } = fields;
    if (starts[0]! >= 0) this.#choices(parseEventJson(data, starts[0]!, ends[0]!), out);
    if (starts[1]! >= 0) this.#usageOf(parseEventJson(data, starts[1]!, ends[1]!));
    if (starts[2]! >= 0) this.#errorOf(parseEventJson(data, starts[2]!, ends[2]!));
  }

  #chunk(value: unknown, out: StreamDelta[]): void {
    const chunk = requiredObject<WireChunk>(value, 'chunk');
    this.#choices(chunk.choices, out);
    this.#usageOf(chunk.usage);
    this.#errorOf(chunk.error);
  }

  #choices(value: unknown, out: StreamDelta[]): void {
    const choice = optionalArray(value, 'choices')?.[0];
    if (choice == null) return;
    const { delta, finish_reason } = requiredObject<WireChunkChoice>(choice, 'choices[0]');
    if (delta != null) messageParts(delta, out);
    if (finish_reason != null) this.#finish = finishReason(finish_reason);
  }

  #usageOf(wire: unknown): void {
    const mapped = usage(wire);
    if (mapped !== undefined) this.#usage = mapped;
  }

  /** An `error` member fails the stream with its message; some compatible servers send a bare string. */
  #errorOf(error: unknown): void {
    if (error == null) return;
    if (typeof error === 'string') throw new UpstreamStreamError(error, undefined);
    const { message, type } = requiredObject<{ message?: unknown; type?: unknown }>(error, 'error');
    throw new UpstreamStreamError(
      optionalString(message, 'error.message') ?? 'unknown error',
      optionalString(type, 'error.type'),
    );
  }

  #close(out: StreamDelta[]): void {
    this.done = true;
    if (this.#usage !== undefined) out.push({ type: 'usage', usage: this.#usage });
    out.push({ type: 'finish', reason: this.#finish ?? 'other' });
  }
}
