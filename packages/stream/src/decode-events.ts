import type { StreamDelta } from '@hotpath/protocol';
import type { DecodeOptions, DeltaStream } from './delta-stream.ts';
import { MalformedChunkError } from './errors.ts';
import type { ChunkHandler } from './internal/decoded-stream.ts';
import { decodeWith } from './internal/delta-decoder.ts';
import { LineSplitter, SseParser } from './internal/sse-parser.ts';

/**
 * The provider half of a stream decoder: it turns one event's payload into deltas. A provider
 * dialect implements it (`@hotpath/plugin-openai`, `-anthropic`, `-ollama` do); everything else
 * (bytes, UTF-8, event framing, limits, aborts, metrics) is {@link decodeEvents}'s.
 */
export interface EventMapper {
  /**
   * Maps one event: the `data` of an SSE event, or one NDJSON line. Appends its deltas to
   * `out`, in order. Throws a typed stream error on a provider error event or a malformed payload.
   */
  event(data: string, out: StreamDelta[]): void;
  /**
   * The body ended. Appends the last deltas, or throws `TruncatedStreamError` when the
   * provider's end marker never came.
   */
  end(out: StreamDelta[]): void;
}

/** How one provider's stream is framed and mapped: what {@link decodeEvents} needs. */
export interface EventDecoderSpec {
  /** `sse`: `text/event-stream`, one `event()` per event; `ndjson`: one `event()` per line. */
  readonly format: 'sse' | 'ndjson';
  /** The provider name in metrics and on the `hotpath:stream:*` channels, for example `openai`. */
  readonly provider: string;
  /** The public function's name, for argument errors. @default 'decodeEvents' */
  readonly caller?: string;
  /** A fresh mapper for each stream (mappers keep per-stream state). */
  create(): EventMapper;
}

/** Counts output tokens for metrics: content deltas, until the provider's usage says the real count. */
function countTokens(out: readonly StreamDelta[], from: number, tokens: number): number {
  let count = tokens;
  for (let i = from; i < out.length; i++) {
    const delta = out[i]!;
    if (delta.type === 'usage') count = delta.usage.outputTokens;
    else if (delta.type !== 'finish') count++;
  }
  return count;
}

/** Frames SSE events for a mapper. */
class SseEvents implements ChunkHandler<StreamDelta> {
  tokens = 0;
  readonly #mapper: EventMapper;
  readonly #parser: SseParser;
  #out: StreamDelta[] = [];

  constructor(mapper: EventMapper, maxEventSize: number) {
    this.#mapper = mapper;
    this.#parser = new SseParser((data) => this.#mapper.event(data, this.#out), maxEventSize);
  }

  push(text: string, out: StreamDelta[]): void {
    const from = out.length;
    this.#out = out;
    this.#parser.push(text);
    this.tokens = countTokens(out, from, this.tokens);
  }

  end(out: StreamDelta[]): void {
    const from = out.length;
    this.#parser.end();
    this.#mapper.end(out);
    this.tokens = countTokens(out, from, this.tokens);
  }
}

/** Frames NDJSON lines for a mapper. */
class NdjsonEvents implements ChunkHandler<StreamDelta> {
  tokens = 0;
  readonly #mapper: EventMapper;
  readonly #lines: LineSplitter;
  #out: StreamDelta[] = [];

  constructor(mapper: EventMapper, maxEventSize: number) {
    this.#mapper = mapper;
    this.#lines = new LineSplitter((line) => this.#mapper.event(line, this.#out), maxEventSize);
  }

  push(text: string, out: StreamDelta[]): void {
    const from = out.length;
    this.#out = out;
    this.#lines.push(text);
    this.tokens = countTokens(out, from, this.tokens);
  }

  end(out: StreamDelta[]): void {
    const from = out.length;
    this.#out = out;
    this.#lines.end();
    this.#mapper.end(out);
    this.tokens = countTokens(out, from, this.tokens);
  }
}

/**
 * Decodes a provider's streamed body into deltas with the provider's {@link EventMapper}: each
 * body chunk is decoded to text once (UTF-8 split across chunks is safe, a leading BOM is
 * dropped), framed as SSE events or NDJSON lines without re-scanning, and mapped into a reused
 * queue. The result is a {@link DeltaStream}: stopping it early, a limit or a failure aborts
 * `options.upstream`; `metrics()` times it per body chunk. This is how the provider plugins
 * build `decodeOpenAI`, `decodeAnthropic` and `decodeOllama`.
 *
 * @param body - the response body: fetch's `response.body`, undici's `body`, any `AsyncIterable<Uint8Array>`
 * @param spec - the provider's framing and mapper
 * @example
 * ```ts
 * const lines: EventDecoderSpec = {
 *   format: 'ndjson',
 *   provider: 'my-api',
 *   create: () => ({
 *     event: (line, out) => out.push({ type: 'text', text: parseEventJson<{ t: string }>(line).t }),
 *     end: (out) => out.push({ type: 'finish', reason: 'stop' }),
 *   }),
 * };
 * for await (const delta of decodeEvents(res.body!, lines, { upstream })) console.log(delta);
 * ```
 */
export function decodeEvents(
  body: AsyncIterable<Uint8Array>,
  spec: EventDecoderSpec,
  options?: DecodeOptions,
): DeltaStream {
  const frame = spec.format === 'ndjson' ? NdjsonEvents : SseEvents;
  return decodeWith(
    spec.provider,
    spec.caller ?? 'decodeEvents',
    body,
    options,
    (max) => new frame(spec.create(), max),
  );
}

/**
 * `JSON.parse` of an event's payload, or of `data.slice(start, end)`, that reports failure as
 * `MalformedChunkError` (`HOTPATH_STREAM_MALFORMED_CHUNK`) naming the whole payload.
 *
 * @param data - the event's payload
 * @param start - where the JSON text starts @default 0
 * @param end - where it ends @default data.length
 */
export function parseEventJson<T>(data: string, start = 0, end: number = data.length): T {
  try {
    return JSON.parse(start === 0 && end === data.length ? data : data.slice(start, end)) as T;
  } catch (error) {
    throw new MalformedChunkError(data, { cause: error });
  }
}
