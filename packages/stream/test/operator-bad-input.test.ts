import type { StreamDelta } from '@hotpath/protocol';
import { anyString, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budget, record, replay, StreamArgumentError, type StreamLog } from '../src/index.ts';
import { bytes, DONE, decodeTest, failure, testEvent, toArray } from './helpers.ts';

const seeds = propertySeeds('stream operator-bad-input');

/** A decoded stream of two text deltas whose upstream abort calls are counted. */
function watched(): { stream: ReturnType<typeof decodeTest>; aborts: () => number } {
  let aborts = 0;
  const upstream = { abort: () => void aborts++ };
  const body = bytes(testEvent({ text: 'hello' }), testEvent({ text: 'world' }), DONE);
  return { stream: decodeTest(body, { upstream }), aborts: () => aborts };
}

describe('budget with a count function that fails', () => {
  it('rethrows what count() threw and aborts the upstream request', async () => {
    const { stream, aborts } = watched();
    const boom = new Error('tokenizer crashed');
    const limited = budget(stream, {
      maxOutputTokens: 100,
      count: () => {
        throw boom;
      },
    });
    expect(await failure(limited)).toBe(boom);
    expect(aborts()).toBe(1);
  });

  it.each([Number.NaN, -1, '3', undefined])(
    'fails with HOTPATH_STREAM_INVALID_ARGUMENT when count() returns %s, and aborts the upstream',
    async (value) => {
      const { stream, aborts } = watched();
      const limited = budget(stream, { maxOutputTokens: 100, count: () => value as number });
      const error = await failure(limited);
      expect(error).toBeInstanceOf(StreamArgumentError);
      expect((error as StreamArgumentError).message).toMatch(/options\.count/);
      expect(aborts()).toBe(1);
    },
  );
});

const text = (t: string): StreamDelta => ({ type: 'text', text: t });
const good: StreamLog = { entries: [{ atMs: 0, delta: text('a') }], durationMs: 1, complete: true };

describe('replay of a log that is not one record() made', () => {
  it.each<[string, unknown]>([
    ['an entry that is null', { ...good, entries: [null] }],
    ['an entry without a delta', { ...good, entries: [{ atMs: 0 }] }],
    ['a delta that is a number', { ...good, entries: [{ atMs: 0, delta: 5 }] }],
    ['a delta without a type', { ...good, entries: [{ atMs: 0, delta: { text: 'a' } }] }],
    ['a time that is not a number', { ...good, entries: [{ atMs: '1', delta: text('a') }] }],
    ['a negative time', { ...good, entries: [{ atMs: -1, delta: text('a') }] }],
    ['a time that is NaN', { ...good, entries: [{ atMs: Number.NaN, delta: text('a') }] }],
    ['complete that is not a boolean', { ...good, complete: 'yes' }],
  ])('throws HOTPATH_STREAM_INVALID_ARGUMENT for %s', (_, log) => {
    expect(() => replay(log as StreamLog, { speed: Infinity })).toThrow(StreamArgumentError);
  });

  it.each(seeds)(
    'any JSON given as a log either replays as deltas or is refused with a typed error (seed %i)',
    async (seed) => {
      const entry = fc.record(
        { atMs: fc.jsonValue(), delta: fc.jsonValue() },
        { requiredKeys: [] },
      );
      const log = fc.record(
        {
          entries: fc.array(fc.oneof(entry, fc.jsonValue({ maxDepth: 2 })), { maxLength: 4 }),
          durationMs: fc.jsonValue({ maxDepth: 1 }),
          complete: fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 1 })),
        },
        { requiredKeys: ['entries'] },
      );
      await fc.assert(
        fc.asyncProperty(log, async (value) => {
          let stream: AsyncIterable<StreamDelta>;
          try {
            stream = replay(value as unknown as StreamLog, { speed: Infinity });
          } catch (error) {
            expect(error).toBeInstanceOf(StreamArgumentError);
            return;
          }
          try {
            for await (const delta of stream) expect(typeof delta.type).toBe('string');
          } catch (error) {
            expect((error as { code?: string }).code).toBe('HOTPATH_STREAM_TRUNCATED');
          }
        }),
        { seed, numRuns: 300 },
      );
    },
  );

  it.each(seeds)(
    'a recorded stream replays to the same deltas after a JSON round trip, any text (seed %i)',
    async (seed) => {
      await fc.assert(
        fc.asyncProperty(fc.array(anyString, { maxLength: 6 }), async (texts) => {
          const source = texts.map(text);
          const rec = record(
            (async function* () {
              yield* source;
            })(),
          );
          await toArray(rec);
          const log = JSON.parse(JSON.stringify(rec.log())) as StreamLog;
          expect(await toArray(replay(log, { speed: Infinity }))).toEqual(source);
        }),
        { seed, numRuns: 200 },
      );
    },
  );
});
