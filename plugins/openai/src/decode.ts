import { type DeltaDecoder, eventDecoder } from '@hotpath/stream';
import { OpenAIEvents } from './chunk-events.ts';

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
export const decodeOpenAI: DeltaDecoder = eventDecoder({
  provider: 'openai',
  endMarker: '`data: [DONE]`',
  caller: 'decodeOpenAI',
  create: () => new OpenAIEvents(),
});
