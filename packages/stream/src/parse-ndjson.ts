import { parseEventJson } from './decode-events.ts';
import type { ChunkHandler } from './internal/decoded-stream.ts';
import { DecodedStream } from './internal/decoded-stream.ts';
import { checkBody, maxEventSize } from './internal/delta-decoder.ts';
import { PARSE_OPTIONS } from './internal/option-keys.ts';
import { LineSplitter } from './internal/sse-parser.ts';
import type { ParsedStream, ParseOptions } from './parse-sse.ts';

class NdjsonHandler implements ChunkHandler<unknown> {
  readonly tokens = 0;
  readonly #lines: LineSplitter;
  #out: unknown[] = [];

  constructor(max: number) {
    this.#lines = new LineSplitter((line) => this.#out.push(parseEventJson(line)), max);
  }

  push(text: string, out: unknown[]): void {
    this.#out = out;
    this.#lines.push(text);
  }

  end(out: unknown[]): void {
    this.#out = out;
    this.#lines.end();
  }
}

/**
 * Parses a newline-delimited JSON body incrementally: one value per non-blank line (LF or
 * CRLF), a last line without newline included. A line that is not JSON fails with
 * `HOTPATH_STREAM_MALFORMED_CHUNK`.
 *
 * @param body - the response body (`AsyncIterable<Uint8Array>`)
 * @example
 * ```ts
 * for await (const value of parseNDJSON(res.body!)) console.log(value);
 * ```
 */
export function parseNDJSON(
  body: AsyncIterable<Uint8Array>,
  options?: ParseOptions,
): ParsedStream<unknown> {
  checkBody(body, 'parseNDJSON');
  const handler = new NdjsonHandler(maxEventSize(options, 'parseNDJSON', PARSE_OPTIONS));
  return new DecodedStream<unknown>(body, handler, options ?? {});
}
