import { type DeltaDecoder, eventDecoder } from '@hotpath/stream';
import { AnthropicEvents } from './message-events.ts';

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
export const decodeAnthropic: DeltaDecoder = eventDecoder({
  provider: 'anthropic',
  endMarker: '`message_stop`',
  caller: 'decodeAnthropic',
  create: () => new AnthropicEvents(),
});
