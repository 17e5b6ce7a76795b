import { describe, expect, it } from 'vitest';
import {
  type DeltaStream,
  fanOut,
  parseNDJSON,
  parseSSE,
  rechunk,
  record,
  timeouts,
} from '../src/index.ts';
import { bytes, DONE, decodeTest, testEvent } from './helpers.ts';

const encoder = new TextEncoder();

/** A body that sends `first` and then never sends anything again (nor ends). */
async function* stalled(first: string): AsyncGenerator<Uint8Array> {
  yield encoder.encode(first);
  await new Promise(() => {});
}

/** Settles to 'pending' when `promise` has not settled after the body had time to answer. */
async function settledOrPending<T>(promise: Promise<T>): Promise<T | 'pending'> {
  const later = new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 50));
  return Promise.race([promise, later]);
}

describe('next() called again before the previous call settled', () => {
  it('gives every SSE event exactly once, in order, then done to the extra calls', async () => {
    const events = Array.from({ length: 6 }, (_, i) => `data: ${i}\n\n`);
    const stream = parseSSE(bytes(...events, ':\n', 'data: 6\n', '\n'));
    const results = await Promise.all(Array.from({ length: 9 }, () => stream.next()));
    expect(results.map((r) => (r.done ? 'done' : r.value.data))).toEqual([
      ...['0', '1', '2', '3', '4', '5', '6'],
      'done',
      'done',
    ]);
  });

  it('gives every NDJSON value exactly once when the calls outnumber the chunks', async () => {
    const stream = parseNDJSON(bytes('1\n', '\n', '2\n3\n', '', '4'));
    const results = await Promise.all(Array.from({ length: 6 }, () => stream.next()));
    expect(results.map((r) => (r.done ? 'done' : r.value))).toEqual([1, 2, 3, 4, 'done', 'done']);
  });

  it('gives every delta exactly once through a decoder', async () => {
    const body = bytes(testEvent({ text: 'a' }), testEvent({ text: 'b' }), '\n', DONE);
    const stream = decodeTest(body);
    const results = await Promise.all(Array.from({ length: 4 }, () => stream.next()));
    expect(results.map((r) => (r.done ? 'done' : r.value))).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b' },
      'done',
      'done',
    ]);
  });
});

/** A body whose events arrive one per macrotask, so concurrent next() calls really wait. */
async function* trickle(events: readonly string[]): AsyncGenerator<Uint8Array> {
  for (const event of events) {
    await new Promise((resolve) => setImmediate(resolve));
    yield encoder.encode(event);
  }
}

const operators: [string, (stream: DeltaStream) => DeltaStream][] = [
  ['rechunk while it buffers text', (s) => rechunk(s, { minChars: 3, maxDelayMs: 1 })],
  ['rechunk passing every delta', (s) => rechunk(s, { minChars: 1 })],
  ['timeouts', (s) => timeouts(s, { idleMs: 60_000 })],
  ['record', (s) => record(s)],
  ['a fanOut consumer', (s) => fanOut(s, 1).consumers[0]!],
  ['a tee consumer under a rechunk', (s) => rechunk(fanOut(s, 1).consumers[0]!, { minChars: 1 })],
];

describe('next() called again before the previous call settled, through an operator', () => {
  it.each(operators)('%s gives every text exactly once, then done', async (_, wrap) => {
    const events = ['a', 'b', 'c', 'd', 'e'].map((text) => testEvent({ text }));
    const stream = wrap(decodeTest(trickle([...events, DONE])));
    const results = await Promise.all(Array.from({ length: 8 }, () => stream.next()));
    const values = results.filter((r) => !r.done).map((r) => r.value);
    const text = values.map((delta) => (delta.type === 'text' ? delta.text : '?')).join('');
    expect(text).toBe('abcde');
    expect(results.slice(values.length).every((r) => r.done)).toBe(true);
  });
});

describe('return() or throw() while a next() waits on the body', () => {
  it('settles the waiting next() as done at once, even when the body never answers', async () => {
    const stream = parseSSE(stalled('data: a\n\n'));
    expect((await stream.next()).value?.data).toBe('a');
    const waiting = stream.next();
    await new Promise((resolve) => setImmediate(resolve));
    await stream.return?.();
    expect(await settledOrPending(waiting)).toEqual({ value: undefined, done: true });
  });

  it('settles a decoder’s waiting next() on throw(), and aborts the upstream', async () => {
    let aborted = 0;
    const upstream = { abort: () => void aborted++ };
    const stream = decodeTest(stalled(testEvent({ text: 'a' })), { upstream });
    await stream.next();
    const waiting = stream.next();
    await new Promise((resolve) => setImmediate(resolve));
    await stream.throw?.(new Error('consumer gave up'));
    expect(await settledOrPending(waiting)).toEqual({ value: undefined, done: true });
    expect(aborted).toBe(1);
  });
});
