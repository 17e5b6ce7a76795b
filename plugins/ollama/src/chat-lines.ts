import type { StreamDelta } from '@hotpath/protocol';
import { type EventMapper, parseEventJson, UpstreamStreamError } from '@hotpath/stream';
import { answerParts, finishReason, usage } from './parts.ts';
import type { WireChat } from './wire.ts';

/** Maps Ollama NDJSON lines to deltas; the `done: true` line carries usage and the finish reason. */
export class OllamaLines implements EventMapper {
  done = false;
  #tools = 0;

  event(line: string, out: StreamDelta[]): void {
    const wire = parseEventJson<WireChat>(line);
    if (wire.error !== undefined) {
      const message = typeof wire.error === 'string' ? wire.error : wire.error.message;
      throw new UpstreamStreamError(message ?? 'unknown error', undefined);
    }
    this.#tools += answerParts(wire, this.#tools, out);
    if (wire.done !== true) return;
    this.done = true;
    out.push({ type: 'usage', usage: usage(wire) });
    out.push({ type: 'finish', reason: finishReason(wire.done_reason, this.#tools > 0) });
  }
}
