import { type DeltaDecoder, eventDecoder } from '@hotpath/stream';
import { OllamaLines } from './chat-lines.ts';

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
export const decodeOllama: DeltaDecoder = eventDecoder({
  format: 'ndjson',
  provider: 'ollama',
  endMarker: 'a line with `"done": true`',
  caller: 'decodeOllama',
  create: () => new OllamaLines(),
});
