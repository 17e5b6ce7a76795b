import { isHotpathError, type StreamDelta } from '@hotpath/protocol';
import type { DecodeOptions, DeltaStream } from './delta-stream.ts';
import { MalformedChunkError, StreamArgumentError, TruncatedStreamError } from './errors.ts';
import type { ChunkHandler } from './internal/decoded-stream.ts';
import { decodeWith } from './internal/delta-decoder.ts';
import { LineSplitter, SseParser } from './internal/sse-parser.ts';

/**
 * The provider half of a stream decoder: it turns one event's payload into deltas. A provider
 * dialect implements it (`@hotpath/plugin-openai`, `-anthropic`, `-ollama` do); everything else
 * (bytes, UTF-8, event framing, limits, aborts, truncation, metrics) is {@link decodeEvents}'s.
 */
export interface EventMapper {
  /**
   * Maps one event: the `data` of an SSE event, or one NDJSON line. Appends its deltas to
   * `out`, in order. Throws a typed stream error on a provider error event or a malformed payload.
   */
  event(data: string, out: StreamDelta[]): void;
  /**
   * True once the provider's end marker arrived (`[DONE]`, `message_stop`, `done: true`). Events
   * after it are not mapped; a body that ends before it fails with `TruncatedStreamError`.
   */
  readonly done: boolean;
}

/** How one provider's stream is framed and mapped: what {@link decodeEvents} needs. */
export interface EventDecoderSpec {
  /**
   * `sse`: `text/event-stream`, one `event()` per event; `ndjson`: one `event()` per line.
   * @default 'sse'
   */
  readonly format?: 'sse' | 'ndjson';
  /** The provider name in metrics and on the `hotpath:stream:*` channels, for example `openai`. */
  readonly provider: string;
  /** The end marker, as `TruncatedStreamError` names it, for example ``'`data: [DONE]`'``. */
  readonly endMarker: string;
  /** The public function's name, for argument errors. @default 'decodeEvents' */
  readonly caller?: string;
  /** A fresh mapper for each stream (mappers keep per-stream state). */
  create(): EventMapper;
}

/** A decoder function, as {@link eventDecoder} makes one: body and options in, deltas out. */
export type DeltaDecoder = (
  body: AsyncIterable<Uint8Array>,
  options?: DecodeOptions,
) => DeltaStream;

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

/**
 * What a mapper threw, as the stream reports it. A mapper that trips over a payload of a shape
 * it did not expect (`null`, an array, a field of the wrong type) throws a bare `TypeError`;
 * that is a malformed chunk, so it becomes `MalformedChunkError` naming the payload, with the
 * mapper's error as `cause`. Typed hotpath errors (an upstream error event …) pass unchanged.
 */
function typed(error: unknown, data: string): unknown {
  return isHotpathError(error) ? error : new MalformedChunkError(data, { cause: error });
}

/** Splits decoded text into events (SSE) or lines (NDJSON). */
interface Framer {
  push(text: string): void;
  end(): void;
}

/** Frames a body's text for a mapper, stops mapping at its end marker and counts tokens. */
class MappedEvents implements ChunkHandler<StreamDelta> {
  tokens = 0;
  readonly #mapper: EventMapper;
  readonly #endMarker: string;
  readonly #max: number;
  #data = '';
  readonly #framer: Framer;
  #out: StreamDelta[] = [];

  constructor(spec: EventDecoderSpec, maxEventSize: number) {
    this.#max = maxEventSize;
    const mapper = spec.create();
    if (typeof (mapper as Partial<EventMapper> | null)?.event !== 'function') {
      throw new StreamArgumentError(
        `${spec.caller ?? 'decodeEvents'}: spec.create() must return an EventMapper`,
      );
    }
    this.#mapper = mapper;
    this.#endMarker = spec.endMarker;
    const onEvent = (data: string): void => {
      if (mapper.done) return;
      this.#data = data;
      mapper.event(data, this.#out);
    };
    this.#framer =
      spec.format === 'ndjson'
        ? new LineSplitter(onEvent, maxEventSize)
        : new SseParser(onEvent, maxEventSize);
  }

  get complete(): boolean {
    return this.#mapper.done;
  }

  get drainLimit(): number {
    return this.#max;
  }

  push(text: string, out: StreamDelta[]): void {
    const from = out.length;
    this.#out = out;
    // One try per chunk, not per event: the event a mapper failed on is in #data.
    try {
      this.#framer.push(text);
    } catch (error) {
      throw typed(error, this.#data);
    }
    this.tokens = countTokens(out, from, this.tokens);
  }

  end(out: StreamDelta[]): void {
    const from = out.length;
    this.#out = out;
    try {
      this.#framer.end();
    } catch (error) {
      throw typed(error, this.#data);
    }
    this.tokens = countTokens(out, from, this.tokens);
    if (!this.#mapper.done) throw new TruncatedStreamError(this.#endMarker);
  }
}

/** Checks a decoder spec: a provider name, an end marker, a known format and `create()`. */
function checkSpec(spec: EventDecoderSpec): void {
  const given = spec as Partial<EventDecoderSpec> | null;
  const caller = typeof given?.caller === 'string' ? given.caller : 'decodeEvents';
  const format = given?.format;
  if (
    typeof given?.create !== 'function' ||
    typeof given.provider !== 'string' ||
    typeof given.endMarker !== 'string' ||
    (format !== undefined && format !== 'sse' && format !== 'ndjson')
  ) {
    throw new StreamArgumentError(
      `${caller}(body, spec): spec must be { provider: string, endMarker: string, format?: 'sse' | 'ndjson', create(): EventMapper }`,
    );
  }
}

/**
 * Decodes a provider's streamed body into deltas with the provider's {@link EventMapper}: each
 * body chunk is decoded to text once (UTF-8 split across chunks is safe, a leading BOM is
 * dropped), framed as SSE events or NDJSON lines without re-scanning, and mapped into a reused
 * queue. The result is a {@link DeltaStream}: stopping it early, a limit or a failure aborts
 * `options.upstream`; a body that ends before the end marker fails with
 * `HOTPATH_STREAM_TRUNCATED`; `metrics()` times it per body chunk.
 *
 * @param body - the response body: fetch's `response.body`, undici's `body`, any `AsyncIterable<Uint8Array>`
 * @param spec - the provider's framing and mapper
 * @example
 * ```ts
 * class Lines implements EventMapper {
 *   done = false;
 *   event(line: string, out: StreamDelta[]) {
 *     const { t, end } = parseEventJson<{ t?: string; end?: boolean }>(line);
 *     if (t) out.push({ type: 'text', text: t });
 *     if (end) (this.done = true), out.push({ type: 'finish', reason: 'stop' });
 *   }
 * }
 * const spec = { format: 'ndjson', provider: 'my-api', endMarker: '`"end": true`', create: () => new Lines() } as const;
 * for await (const delta of decodeEvents(res.body!, spec, { upstream })) console.log(delta);
 * ```
 */
export function decodeEvents(
  body: AsyncIterable<Uint8Array>,
  spec: EventDecoderSpec,
  options?: DecodeOptions,
): DeltaStream {
  checkSpec(spec);
  const caller = spec.caller ?? 'decodeEvents';
  return decodeWith(spec.provider, caller, body, options, (max) => new MappedEvents(spec, max));
}

/**
 * A decoder function for one provider: `eventDecoder(spec)(body, options)` is
 * `decodeEvents(body, spec, options)`. The provider plugins make `decodeOpenAI`,
 * `decodeAnthropic` and `decodeOllama` with it.
 *
 * @param spec - the provider's framing and mapper
 * @example
 * ```ts
 * export const decodeMyApi: DeltaDecoder = eventDecoder(myApiEvents);
 * ```
 */
export function eventDecoder(spec: EventDecoderSpec): DeltaDecoder {
  return (body, options) => decodeEvents(body, spec, options);
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
