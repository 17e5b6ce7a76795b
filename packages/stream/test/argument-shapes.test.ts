import type { StreamDelta } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import {
  budget,
  collect,
  decodeEvents,
  type EventDecoderSpec,
  parseNDJSON,
  parseSSE,
  rechunk,
  replay,
  StreamArgumentError,
} from '../src/index.ts';
import { bytes, DONE, decodeTest, failure, testEvent } from './helpers.ts';

const mapper = { done: false, event() {} };
const spec: EventDecoderSpec = { provider: 'p', endMarker: 'e', create: () => mapper };

describe('decoder arguments of the wrong shape fail at the call with HOTPATH_STREAM_INVALID_ARGUMENT', () => {
  it.each<[string, unknown]>([
    ['a null spec', null],
    ['a spec without create()', { provider: 'p', endMarker: 'e' }],
    ['a spec without a provider name', { endMarker: 'e', create: () => mapper }],
    ['a spec with an unknown format', { ...spec, format: 'xml' }],
    ['a spec whose create() returns no mapper', { ...spec, create: () => null }],
  ])('decodeEvents with %s', (_, bad) => {
    expect(() => decodeEvents(bytes(), bad as EventDecoderSpec)).toThrow(StreamArgumentError);
  });

  it.each<[string, object]>([
    ['a signal that is not an AbortSignal', { signal: 5 }],
    ['a signal that is a plain object', { signal: {} }],
    ['an upstream without abort()', { upstream: {} }],
    ['a startedAt that is not a number', { startedAt: 'now' }],
  ])('parseSSE, parseNDJSON and decoders with %s', (_, options) => {
    expect(() => parseSSE(bytes(), options as never)).toThrow(StreamArgumentError);
    expect(() => parseNDJSON(bytes(), options as never)).toThrow(StreamArgumentError);
    expect(() => decodeTest(bytes(), options as never)).toThrow(StreamArgumentError);
  });

  it('replay with a signal that is not an AbortSignal', () => {
    const log = { entries: [], durationMs: 0, complete: true };
    expect(() => replay(log, { signal: 5 as never })).toThrow(StreamArgumentError);
  });
});

describe('a body or source that yields the wrong things fails typed, after what came before', () => {
  it.each<[string, unknown]>([
    ['a string (a Node stream with setEncoding)', 'data: x\n\n'],
    ['a number', 5],
    ['null', null],
  ])('a body chunk that is %s', async (_, chunk) => {
    let aborted = 0;
    const body = (async function* () {
      yield new TextEncoder().encode(testEvent({ text: 'a' }));
      yield chunk as Uint8Array;
    })();
    const deltas: StreamDelta[] = [];
    const stream = decodeTest(body, { upstream: { abort: () => void aborted++ } });
    const error = await failure(
      (async function* () {
        for await (const delta of stream) yield deltas.push(delta);
      })(),
    );
    expect(error).toBeInstanceOf(StreamArgumentError);
    expect((error as Error).message).toMatch(/Uint8Array/);
    expect(deltas).toEqual([{ type: 'text', text: 'a' }]);
    expect(aborted).toBe(1);
  });

  it('an ArrayBuffer chunk is still read as bytes', async () => {
    const body = (async function* () {
      yield new TextEncoder().encode(testEvent({ text: 'a' }) + DONE).buffer as never;
    })();
    expect(await collect(decodeTest(body))).toMatchObject({ text: 'a' });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'hello'],
    ['an object without a type', { text: 'x' }],
  ])('an operator over a source that yields %s', async (_, item) => {
    const source = async function* (): AsyncGenerator<StreamDelta> {
      yield { type: 'text', text: 'a' };
      yield item as StreamDelta;
    };
    expect(await failure(rechunk(source(), { minChars: 1 }))).toBeInstanceOf(StreamArgumentError);
    expect(await failure(budget(source(), { maxOutputTokens: 9 }))).toBeInstanceOf(
      StreamArgumentError,
    );
  });

  it('collect of something that is not a stream, or that yields null', async () => {
    await expect(collect(null as never)).rejects.toBeInstanceOf(StreamArgumentError);
    const yieldsNull = (async function* () {
      yield null as unknown as StreamDelta;
    })();
    await expect(collect(yieldsNull)).rejects.toBeInstanceOf(StreamArgumentError);
  });
});
