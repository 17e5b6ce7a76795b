import { describe, expect, it } from 'vitest';
import { type DeltaStream, fanOut, rechunk, record, timeouts } from '../src/index.ts';
import { DONE, decodeTest, testEvent } from './helpers.ts';

const encoder = new TextEncoder();

/** A body whose events arrive one per macrotask, so overlapping next() calls really wait. */
async function* trickle(events: readonly string[]): AsyncGenerator<Uint8Array> {
  for (const event of events) {
    await new Promise((resolve) => setImmediate(resolve));
    yield encoder.encode(event);
  }
}

const operators: [string, (stream: DeltaStream) => DeltaStream][] = [
  ['rechunk flushing on a 0 ms timer', (s) => rechunk(s, { minChars: 3, maxDelayMs: 0 })],
  ['rechunk flushing on a 1 ms timer', (s) => rechunk(s, { minChars: 3, maxDelayMs: 1 })],
  ['timeouts', (s) => timeouts(s, { idleMs: 60_000 })],
  ['record', (s) => record(s)],
  ['a fanOut consumer', (s) => fanOut(s, 1).consumers[0]!],
];

// The n-th of overlapping next() calls gets the n-th delta, as with an async generator: every
// value first, then done. Flushes on a timer made this depend on timing (CI caught one run), so
// each case runs many times.
describe('overlapping next() calls are answered in call order', () => {
  it.each(operators)('%s: values in call order, then only done', async (_, wrap) => {
    for (let run = 0; run < 60; run++) {
      const events = ['a', 'b', 'c', 'd', 'e'].map((text) => testEvent({ text }));
      const stream = wrap(decodeTest(trickle([...events, DONE])));
      const results = await Promise.all(Array.from({ length: 8 }, () => stream.next()));
      const firstDone = results.findIndex((r) => r.done);
      expect(firstDone).toBeGreaterThan(0);
      expect(results.slice(firstDone).every((r) => r.done)).toBe(true);
      const text = results
        .slice(0, firstDone)
        .map((r) => (r.done || r.value.type !== 'text' ? '?' : r.value.text))
        .join('');
      expect(text).toBe('abcde');
    }
  });
});
