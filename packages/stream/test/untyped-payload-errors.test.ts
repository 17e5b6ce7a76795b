import { isHotpathError, type StreamDelta } from '@hotpath/protocol';
import { anyString, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEvents, type EventMapper, MalformedChunkError, parseNDJSON } from '../src/index.ts';
import { bytes, DONE, decodeTest, failure } from './helpers.ts';

const seeds = propertySeeds('stream untyped-payload-errors');

/** What a parse yields, and how it fails: `{ code }` for a hotpath error, the error itself otherwise. */
async function outcome(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  try {
    for await (const item of stream) out.push(item);
  } catch (error) {
    out.push(isHotpathError(error) ? { code: error.code } : error);
  }
  return out;
}

/** A careless third-party mapper: it reads `text` off whatever JSON the event carries. */
class Careless implements EventMapper {
  done = false;

  event(data: string, out: StreamDelta[]): void {
    if (data === '[DONE]') this.done = true;
    else out.push({ type: 'text', text: (JSON.parse(data) as { text: string }).text.slice(0) });
  }
}

const careless = { provider: 'careless', endMarker: '[DONE]', create: () => new Careless() };

describe('a payload a mapper did not expect', () => {
  it('fails as HOTPATH_STREAM_MALFORMED_CHUNK naming the payload, not as a bare TypeError', async () => {
    const error = await failure(decodeTest(bytes('data: null\n\n', DONE)));
    expect(error).toBeInstanceOf(MalformedChunkError);
    expect((error as MalformedChunkError).payload).toBe('null');
    expect((error as MalformedChunkError).cause).toBeInstanceOf(TypeError);
  });

  it.each(seeds)(
    'whatever JSON (or text) an event carries, decoding yields deltas or a hotpath error (seed %i)',
    async (seed) => {
      const payload = fc.oneof(
        fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
        anyString.filter((text) => !/[\r\n]/.test(text)),
      );
      await fc.assert(
        fc.asyncProperty(payload, async (data) => {
          const body = bytes(`data: ${data}\n\n`, 'data: [DONE]\n\n');
          for (const item of await outcome(decodeEvents(body, careless))) {
            expect(item).not.toBeInstanceOf(Error);
          }
        }),
        { seed, numRuns: 300 },
      );
    },
  );
});

/** JSON's own white space: what a blank NDJSON line may hold. */
const JSON_SPACE = /^[ \t\r]*$/;

describe('parseNDJSON', () => {
  it('fails on a line of only non-JSON white space instead of skipping it', async () => {
    for (const space of ['\u00a0', '\ufeff', '\u2028', '\u3000 ', '\v']) {
      expect(await outcome(parseNDJSON(bytes(`1\n${space}\n2\n`)))).toEqual([
        1,
        { code: 'HOTPATH_STREAM_MALFORMED_CHUNK' },
      ]);
    }
  });

  it.each(seeds)(
    'every line is JSON.parse of it, skipped only when it is JSON white space (seed %i)',
    async (seed) => {
      const line = fc
        .oneof(
          anyString,
          fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
          fc.string({ unit: fc.constantFrom(' ', '\t', '\r', '\u00a0', '\ufeff', '\u2028', '\v') }),
        )
        .filter((text) => !text.includes('\n') && !text.endsWith('\r'));
      await fc.assert(
        fc.asyncProperty(line, async (text) => {
          // After a first line, so a leading U+FEFF is the line's, not the body's BOM.
          let expected: unknown[] = [0];
          if (!JSON_SPACE.test(text)) {
            try {
              expected = [0, JSON.parse(text)];
            } catch {
              expected = [0, { code: 'HOTPATH_STREAM_MALFORMED_CHUNK' }];
            }
          }
          expect(await outcome(parseNDJSON(bytes(`0\n${text}\n`)))).toEqual(expected);
        }),
        { seed, numRuns: 500 },
      );
    },
  );
});
