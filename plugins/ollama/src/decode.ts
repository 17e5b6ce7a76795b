import type { StreamDelta } from '@hotpath/protocol';
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
import { answerParts, finishReason, usage } from './parts.ts';
import type { WireChat } from './wire.ts';

/** Maps Ollama NDJSON lines to deltas; the `done: true` line carries usage and the finish reason. */
class OllamaLines implements EventMapper {
  #done = false;
  #tools = 0;

  event(line: string, out: StreamDelta[]): void {
    if (this.#done) return;
    const wire = parseEventJson<WireChat>(line);
    if (wire.error !== undefined) {
      const message = typeof wire.error === 'string' ? wire.error : wire.error.message;
      throw new UpstreamStreamError(message ?? 'unknown error', undefined);
    }
    this.#tools += answerParts(wire, this.#tools, out);
    if (wire.done !== true) return;
    this.#done = true;
    out.push({ type: 'usage', usage: usage(wire) });
    out.push({ type: 'finish', reason: finishReason(wire.done_reason, this.#tools > 0) });
  }

  end(): void {
    if (!this.#done) throw new TruncatedStreamError('a line with `"done": true`');
  }
}

const OLLAMA_LINES: EventDecoderSpec = {
  format: 'ndjson',
  provider: 'ollama',
  caller: 'decodeOllama',
  create: () => new OllamaLines(),
};

/**
 * Decodes an Ollama `/api/chat` (or `/api/generate`) NDJSON stream into deltas: content,
 * thinking as reasoning, each complete tool call as one tool-call delta (arguments as JSON text,
 * `id` as Ollama sent it or `call_<index>`), then usage (`prompt_eval_count`, `eval_count`) and
 * the finish reason from the `done: true` line. An `{ "error": … }` line fails the stream.
 *
 * @param body - the response body (`AsyncIterable<Uint8Array>`)
 * @param options - `signal`, `upstream` (aborted when the stream stops early), `maxEventSize`, `startedAt`
 * @example
 * ```ts
 * for await (const delta of decodeOllama(res.body!, { upstream })) console.log(delta);
 * ```
 */
export function decodeOllama(
  body: AsyncIterable<Uint8Array>,
  options?: DecodeOptions,
): DeltaStream {
  return decodeEvents(body, OLLAMA_LINES, options);
}
