import type { ChunkHandler } from './internal/decoded-stream.ts';
import { DecodedStream } from './internal/decoded-stream.ts';
import { checkBody, maxEventSize } from './internal/delta-decoder.ts';
import { PARSE_OPTIONS } from './internal/option-keys.ts';
import { SseParser } from './internal/sse-parser.ts';

/** One server-sent event, as the WHATWG event-stream rules dispatch it. */
export interface SseEvent {
  /** The `event:` field, `message` when absent. */
  readonly type: string;
  /** The `data:` lines joined with `\n`. */
  readonly data: string;
  /** The last event ID seen so far (it persists across events). */
  readonly id: string;
  /** The last valid `retry:` value in milliseconds, if any. */
  readonly retry: number | undefined;
}

/** Options of {@link parseSSE} and {@link parseNDJSON}. */
export interface ParseOptions {
  /** Stops parsing, and through `upstream` the request, when it fires. */
  readonly signal?: AbortSignal;
  /** Aborted when the consumer stops early or parsing fails. */
  readonly upstream?: { abort(reason?: unknown): void };
  /**
   * Largest event data (SSE) or line (NDJSON) in characters; a larger one fails with
   * `HOTPATH_STREAM_EVENT_TOO_LARGE`. One SSE line may be `data: `.length longer; how the body
   * is split never changes the outcome.
   * @default 1_048_576
   */
  readonly maxEventSize?: number;
}

/** A stoppable async iterator of parsed items. */
export interface ParsedStream<T> extends AsyncIterableIterator<T> {
  /** Stops now: a waiting `next()` rejects with `reason`, the upstream is aborted. */
  abort(reason?: unknown): void;
}

class SseHandler implements ChunkHandler<SseEvent> {
  readonly tokens = 0;
  readonly #parser: SseParser;
  #out: SseEvent[] = [];

  constructor(max: number) {
    this.#parser = new SseParser((data, type) => this.#event(data, type), max);
  }

  push(text: string, out: SseEvent[]): void {
    this.#out = out;
    this.#parser.push(text);
  }

  end(): void {
    this.#parser.end();
  }

  #event(data: string, type: string): void {
    const parser = this.#parser;
    this.#out.push({ type, data, id: parser.lastEventId, retry: parser.retry });
  }
}

/**
 * Parses a `text/event-stream` body incrementally: UTF-8 (a leading BOM dropped, characters
 * split across chunks handled), CR / LF / CRLF line ends, comments, multi-line data,
 * `event`, `id` (ignored when it contains NUL) and `retry` (digits only). An event still
 * open when the body ends is discarded, as the spec says.
 *
 * @param body - the response body (`AsyncIterable<Uint8Array>`)
 * @example
 * ```ts
 * for await (const event of parseSSE(res.body!)) console.log(event.type, event.data);
 * ```
 */
export function parseSSE(
  body: AsyncIterable<Uint8Array>,
  options?: ParseOptions,
): ParsedStream<SseEvent> {
  checkBody(body, 'parseSSE');
  const handler = new SseHandler(maxEventSize(options, 'parseSSE', PARSE_OPTIONS));
  return new DecodedStream(body, handler, options ?? {});
}
