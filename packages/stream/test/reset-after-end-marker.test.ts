import { describe, expect, it } from 'vitest';
import { ConnectionResetError, collect } from '../src/index.ts';
import { DONE, decodeTest, failure, testEvent } from './helpers.ts';

const encoder = new TextEncoder();

/** A body that sends `text` and then fails the way a reset socket does. */
async function* resetAfter(...pieces: string[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield encoder.encode(piece);
  throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
}

describe('the connection fails after the end marker arrived', () => {
  it('ends the stream cleanly with every delta: the answer is complete', async () => {
    let aborted = 0;
    const upstream = { abort: () => void aborted++ };
    const body = resetAfter(testEvent({ text: 'a' }), testEvent({ finish: 'stop' }), DONE);
    expect(await collect(decodeTest(body, { upstream }))).toMatchObject({
      text: 'a',
      finishReason: 'stop',
    });
    expect(aborted).toBe(0);
  });

  it('still fails with HOTPATH_STREAM_CONNECTION_RESET when it fails before the end marker', async () => {
    const body = resetAfter(testEvent({ text: 'a' }), testEvent({ finish: 'stop' }));
    expect(await failure(decodeTest(body))).toBeInstanceOf(ConnectionResetError);
  });
});
