import { describe, expect, it } from 'vitest';
import { parseNDJSON, parseSSE } from '../src/index.ts';
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
