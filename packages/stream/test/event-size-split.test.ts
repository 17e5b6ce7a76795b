import { propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNDJSON, parseSSE } from '../src/index.ts';
import { bytes, cutAt } from './helpers.ts';

const encoder = new TextEncoder();
const seeds = propertySeeds('stream event-size-split');

/** The items a parse yields and the code it fails with, if any. */
async function outcome(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  try {
    for await (const item of stream) out.push(item);
  } catch (error) {
    out.push((error as { code?: string }).code ?? error);
  }
  return out;
}

const value = (max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom('x', 'é', '😀', ' ', ':'), maxLength: max + 3 });
const lineEnd = fc.constantFrom('\n', '\r', '\r\n');

const sseLine = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    value(max).map((v) => `data: ${v}`),
    value(max).map((v) => `data:${v}`),
    value(max).map((v) => `:${v}`),
    value(max).map((v) => `event: ${v}`),
    fc.constant(''),
  );

const sseBody = fc.integer({ min: 4, max: 12 }).chain((max) =>
  fc.record({
    max: fc.constant(max),
    text: fc
      .array(fc.tuple(sseLine(max), lineEnd), { maxLength: 12 })
      .map((lines) => lines.map(([line, end]) => line + end).join('')),
    cuts: fc.array(fc.nat(), { maxLength: 8 }),
  }),
);

const ndjsonBody = fc.integer({ min: 2, max: 12 }).chain((max) =>
  fc.record({
    max: fc.constant(max),
    text: fc
      .array(
        fc.tuple(
          value(max).map((v) => JSON.stringify(v)),
          fc.constantFrom('\n', '\r\n'),
        ),
        { maxLength: 10 },
      )
      .map((lines) => lines.map(([line, end]) => line + end).join('')),
    cuts: fc.array(fc.nat(), { maxLength: 8 }),
  }),
);

/** The body cut at the given byte offsets (taken modulo its length), in order. */
function pieces(text: string, cuts: readonly number[]): Uint8Array[] {
  const length = encoder.encode(text).length;
  const at = [...new Set(cuts.map((cut) => cut % (length + 1)))].sort((a, b) => a - b);
  return cutAt(text, at);
}

describe('maxEventSize does not depend on how the body is split', () => {
  it.each(seeds)(
    'an SSE body gives the same events, or the same error, whole and split anywhere (seed %i)',
    async (seed) => {
      await fc.assert(
        fc.asyncProperty(sseBody, async ({ max, text, cuts }) => {
          const whole = await outcome(parseSSE(bytes(text), { maxEventSize: max }));
          const split = await outcome(
            parseSSE(bytes(...pieces(text, cuts)), { maxEventSize: max }),
          );
          expect(split).toEqual(whole);
        }),
        { seed, numRuns: 400 },
      );
    },
  );

  it.each(seeds)(
    'an NDJSON body gives the same values, or the same error, whole and split anywhere (seed %i)',
    async (seed) => {
      await fc.assert(
        fc.asyncProperty(ndjsonBody, async ({ max, text, cuts }) => {
          const whole = await outcome(parseNDJSON(bytes(text), { maxEventSize: max }));
          const split = await outcome(
            parseNDJSON(bytes(...pieces(text, cuts)), { maxEventSize: max }),
          );
          expect(split).toEqual(whole);
        }),
        { seed, numRuns: 400 },
      );
    },
  );

  it('an event whose data is exactly maxEventSize passes when its line arrives in two pieces', async () => {
    const text = `data: ${'x'.repeat(10)}\n\n`;
    const split = parseSSE(bytes(text.slice(0, 16), text.slice(16)), { maxEventSize: 10 });
    expect(await outcome(split)).toEqual([
      { type: 'message', data: 'x'.repeat(10), id: '', retry: undefined },
    ]);
  });

  it('an NDJSON line of exactly maxEventSize passes when its CRLF is split', async () => {
    expect(await outcome(parseNDJSON(bytes('"abc"\r', '\n'), { maxEventSize: 5 }))).toEqual([
      'abc',
    ]);
  });
});
