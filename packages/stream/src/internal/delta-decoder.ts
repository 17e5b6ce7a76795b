import type { KnownKeys, StreamDelta } from '@hotpath/protocol';
import type { DecodeOptions, DeltaStream } from '../delta-stream.ts';
import { StreamArgumentError } from '../errors.ts';
import type { StreamMetrics } from '../metrics.ts';
import { checkSignal, checkStartedAt, checkUpstream } from './check-options.ts';
import { type ChunkHandler, DecodedStream } from './decoded-stream.ts';
import { Meter } from './meter.ts';
import { checkKeys, DECODE_OPTIONS } from './option-keys.ts';

/** Default `maxEventSize`: 1 MiB of characters. */
export const DEFAULT_MAX_EVENT_SIZE = 1_048_576;

/** A decoded delta stream with its metrics. */
class DecodedDeltaStream extends DecodedStream<StreamDelta> implements DeltaStream {
  readonly #meter: Meter;

  constructor(
    body: AsyncIterable<Uint8Array>,
    handler: ChunkHandler<StreamDelta>,
    options: DecodeOptions,
    meter: Meter,
  ) {
    super(body, handler, options, meter);
    this.#meter = meter;
  }

  metrics(): StreamMetrics {
    return this.#meter.snapshot();
  }
}

/** Checks a body argument: anything async-iterable. */
export function checkBody(body: unknown, name: string): asserts body is AsyncIterable<Uint8Array> {
  const iterable = body as { [Symbol.asyncIterator]?: unknown } | null;
  if (typeof iterable?.[Symbol.asyncIterator] !== 'function') {
    throw new StreamArgumentError(
      `${name}(body): expected an AsyncIterable<Uint8Array> such as response.body, got ${body === null ? 'null' : typeof body}`,
    );
  }
}

/** Checks the options (signal, upstream, startedAt) and reads `maxEventSize`. */
export function maxEventSize(
  options: DecodeOptions | undefined,
  name: string,
  known: KnownKeys = DECODE_OPTIONS,
): number {
  checkKeys(name, options, known);
  checkSignal(options?.signal, name);
  checkUpstream(options?.upstream, name);
  checkStartedAt(options?.startedAt, name);
  const max = options?.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE;
  if (!Number.isInteger(max) || max < 1) {
    throw new StreamArgumentError(`${name}: options.maxEventSize must be a positive integer`);
  }
  return max;
}

/** Builds the delta stream of one provider's decoder. */
export function decodeWith(
  provider: string,
  name: string,
  body: unknown,
  options: DecodeOptions | undefined,
  makeHandler: (maxEventSize: number) => ChunkHandler<StreamDelta>,
): DeltaStream {
  checkBody(body, name);
  const handler = makeHandler(maxEventSize(options, name));
  const meter = new Meter(provider, options?.startedAt ?? performance.now());
  return new DecodedDeltaStream(body, handler, options ?? {}, meter);
}
