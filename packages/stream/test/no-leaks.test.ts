import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { rechunk, timeouts } from '../src/index.ts';
import { decodeTest, testEvent } from './helpers.ts';

const encoder = new TextEncoder();
const first = encoder.encode(testEvent({ text: 'hello' }));

/** A body that sends one event and then never another, like a stalled upstream. */
function stalledBody(): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]() {
      let sent = false;
      return {
        next: () => {
          if (sent) return new Promise<never>(() => {});
          sent = true;
          return Promise.resolve({ value: first, done: false });
        },
        return: () => Promise.resolve({ value: undefined, done: true }),
      };
    },
  };
}

function timers(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
}

describe('10,000 aborted streams', () => {
  it('leave no listener on a shared signal and no timer behind', async () => {
    const shared = new AbortController().signal;
    const before = timers();
    let upstreamAborts = 0;
    for (let i = 0; i < 10_000; i++) {
      const upstream = { abort: () => upstreamAborts++ };
      const decoded = decodeTest(stalledBody(), { signal: shared, upstream });
      const stream = rechunk(timeouts(decoded, { idleMs: 60_000, totalMs: 120_000 }), {
        minChars: 100,
        maxDelayMs: 60_000,
      });
      const pending = stream.next();
      // Let the chain reach the stalled read with rechunk's flush timer armed.
      await new Promise((resolve) => setImmediate(resolve));
      if (i % 2 === 0) stream.abort(new Error('stop'));
      else decoded.abort(new Error('stop'));
      // Aborting the decoder below rechunk is a source failure: the buffered text comes
      // first, then the error. Aborting the outer stream drops the buffer.
      if (i % 2 === 1) expect((await pending).value).toEqual({ type: 'text', text: 'hello' });
      await expect(i % 2 === 0 ? pending : stream.next()).rejects.toThrow('stop');
    }
    expect(upstreamAborts).toBe(10_000);
    expect(getEventListeners(shared, 'abort')).toHaveLength(0);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('a stream stopped by break also releases the shared signal', async () => {
    const shared = new AbortController().signal;
    for (let i = 0; i < 1_000; i++) {
      for await (const _ of timeouts(decodeTest(stalledBody(), { signal: shared }), {
        idleMs: 60_000,
      }))
        break;
    }
    expect(getEventListeners(shared, 'abort')).toHaveLength(0);
  });
});

describe('abort() with a body that never settles its read', () => {
  it('rejects the waiting next() at once, through every operator', async () => {
    const decoded = decodeTest(stalledBody());
    const stream = timeouts(decoded, { idleMs: 60_000 });
    expect((await stream.next()).value).toEqual({ type: 'text', text: 'hello' });
    const pending = stream.next();
    const reason = new Error('stop');
    stream.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});
