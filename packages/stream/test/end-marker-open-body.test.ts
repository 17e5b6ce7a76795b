import { describe, expect, it } from 'vitest';
import { collect, parseSSE } from '../src/index.ts';
import { DONE, decodeTest, testEvent } from './helpers.ts';

const encoder = new TextEncoder();

/** A body that sends `pieces`, then neither sends anything more nor ends. */
async function* heldOpen(...pieces: string[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield encoder.encode(piece);
  await new Promise(() => {});
}

describe('a body that stays open after the end marker', () => {
  it('ends the decoded stream at the marker with every delta, without aborting the request', async () => {
    let aborted = 0;
    const upstream = { abort: () => void aborted++ };
    const body = heldOpen(testEvent({ text: 'a' }), testEvent({ finish: 'stop' }), DONE);
    expect(await collect(decodeTest(body, { upstream }))).toMatchObject({
      text: 'a',
      finishReason: 'stop',
    });
    expect(aborted).toBe(0);
  });

  it('reads the rest of a body that does end, and ignores what comes after the marker', async () => {
    let ended = false;
    const body = (async function* () {
      yield encoder.encode(testEvent({ text: 'a' }) + DONE);
      yield encoder.encode(testEvent({ text: 'after the end' }));
      ended = true;
    })();
    expect(await collect(decodeTest(body))).toMatchObject({ text: 'a' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(true);
  });

  it('aborts the request when more than maxEventSize keeps coming after the marker', async () => {
    let aborted = 0;
    const upstream = { abort: () => void aborted++ };
    const junk = `: ${'x'.repeat(1_000)}\n`;
    const body = (async function* () {
      yield encoder.encode(testEvent({ text: 'a' }) + DONE);
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        yield encoder.encode(junk);
      }
    })();
    expect(await collect(decodeTest(body, { upstream, maxEventSize: 10_000 }))).toMatchObject({
      text: 'a',
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(aborted).toBe(1);
  });

  it('parseSSE, which knows no end marker, still reads to the end of the body', async () => {
    const body = (async function* () {
      yield encoder.encode('data: [DONE]\n\ndata: more\n\n');
    })();
    const events = [];
    for await (const event of parseSSE(body)) events.push(event.data);
    expect(events).toEqual(['[DONE]', 'more']);
  });
});
