// The provider decoders (each owned by its provider plugin) against the real simulator: the
// faults it injects end each stream with the typed `@hotpath/stream` error.

import { decodeAnthropic } from '@hotpath/plugin-anthropic';
import { decodeOllama } from '@hotpath/plugin-ollama';
import { decodeOpenAI } from '@hotpath/plugin-openai';
import { type Simulator, startSimulator } from '@hotpath/simulator';
import {
  ConnectionResetError,
  collect,
  type DecodeOptions,
  type DeltaStream,
  EventTooLargeError,
  MalformedChunkError,
  TruncatedStreamError,
  UpstreamStreamError,
} from '@hotpath/stream';
import { failure } from '@hotpath/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Provider, request } from './simulator-streams.ts';

const decoders: Record<
  Provider,
  (body: AsyncIterable<Uint8Array>, o?: DecodeOptions) => DeltaStream
> = {
  openai: decodeOpenAI,
  anthropic: decodeAnthropic,
  ollama: decodeOllama,
};
const providers = Object.keys(decoders) as Provider[];

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, responseTokens: 24 });
});
afterAll(async () => {
  await sim.close();
});

async function decode(
  provider: Provider,
  headers: Record<string, string>,
  options: DecodeOptions = {},
) {
  const { body, upstream } = await request(sim, provider, headers);
  return decoders[provider](body, { ...options, upstream });
}

describe.each(providers)('%s stream from the simulator', (provider) => {
  it('decodes a clean stream to text, usage and finish', async () => {
    const result = await collect(await decode(provider, {}));
    expect(result.text.split(' ').filter(Boolean).length).toBeGreaterThan(0);
    expect(result.finishReason).toBe('stop');
    expect(result.usage?.outputTokens).toBe(24);
  });

  it('fails a truncated stream with HOTPATH_STREAM_TRUNCATED', async () => {
    const error = await failure(
      await decode(provider, { 'x-sim-fault': 'truncate', 'x-sim-fault-after': '5' }),
    );
    expect(error).toBeInstanceOf(TruncatedStreamError);
    expect(error).toMatchObject({ code: 'HOTPATH_STREAM_TRUNCATED' });
  });

  it('fails a malformed chunk with HOTPATH_STREAM_MALFORMED_CHUNK', async () => {
    const error = await failure(
      await decode(provider, { 'x-sim-fault': 'malformed', 'x-sim-fault-after': '5' }),
    );
    expect(error).toBeInstanceOf(MalformedChunkError);
    expect(error).toMatchObject({ code: 'HOTPATH_STREAM_MALFORMED_CHUNK' });
  });

  it('fails a connection reset with HOTPATH_STREAM_CONNECTION_RESET', async () => {
    const error = await failure(
      await decode(provider, { 'x-sim-fault': 'reset', 'x-sim-fault-after': '5' }),
    );
    expect(error).toBeInstanceOf(ConnectionResetError);
    expect(error).toMatchObject({ code: 'HOTPATH_STREAM_CONNECTION_RESET' });
  });

  it('fails an in-band provider error with HOTPATH_STREAM_UPSTREAM_ERROR', async () => {
    const error = await failure(
      await decode(provider, { 'x-sim-fault': 'stream-error', 'x-sim-fault-after': '5' }),
    );
    expect(error).toBeInstanceOf(UpstreamStreamError);
    expect(error).toMatchObject({ code: 'HOTPATH_STREAM_UPSTREAM_ERROR' });
  });

  it('fails an event above maxEventSize with HOTPATH_STREAM_EVENT_TOO_LARGE', async () => {
    const error = await failure(await decode(provider, {}, { maxEventSize: 40 }));
    expect(error).toBeInstanceOf(EventTooLargeError);
    expect(error).toMatchObject({ code: 'HOTPATH_STREAM_EVENT_TOO_LARGE', limit: 40 });
  });
});
