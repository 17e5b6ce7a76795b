import type { StreamDelta } from '@hotpath/protocol';
import { optionalBoolean, optionalString, requiredObject } from '@hotpath/provider-kit';
import { type EventMapper, parseEventJson, UpstreamStreamError } from '@hotpath/stream';
import { answerParts, finishReason, usage } from './parts.ts';
import type { WireChat } from './wire.ts';

/** An `{ "error": … }` line fails the stream with the upstream's message (a string or `{ message }`). */
function upstreamError(error: unknown): never {
  const message =
    typeof error === 'string'
      ? error
      : optionalString(
          requiredObject<{ message?: unknown }>(error, 'error').message,
          'error.message',
        );
  throw new UpstreamStreamError(message ?? 'unknown error', undefined);
}

/** Maps Ollama NDJSON lines to deltas; the `done: true` line carries usage and the finish reason. */
export class OllamaLines implements EventMapper {
  done = false;
  #tools = 0;

  event(line: string, out: StreamDelta[]): void {
    const wire = requiredObject<WireChat>(parseEventJson<unknown>(line), 'line');
    if (wire.error != null) upstreamError(wire.error);
    this.#tools += answerParts(wire, this.#tools, out);
    if (optionalBoolean(wire.done, 'done') !== true) return;
    this.done = true;
    out.push({ type: 'usage', usage: usage(wire) });
    out.push({ type: 'finish', reason: finishReason(wire.done_reason, this.#tools > 0) });
  }
}
