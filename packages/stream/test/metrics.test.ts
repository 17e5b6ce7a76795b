import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { expect, it } from 'vitest';
import { STREAM_CHANNELS, type StreamEndMessage } from '../src/index.ts';
import { bytes, cutAt, DONE, decodeTest, testEvent, toArray } from './helpers.ts';

it('measures TTFT, tokens, chunks and gaps, and publishes start, first-token and end', async () => {
  const body = [
    testEvent({ text: '' }),
    testEvent({ text: 'a' }),
    testEvent({ text: 'b' }),
    testEvent({ usage: { inputTokens: 3, outputTokens: 7 } }),
    testEvent({ finish: 'stop' }),
    DONE,
  ].join('');
  const events: [string, unknown][] = [];
  const listeners = Object.values(STREAM_CHANNELS).map((name) => {
    const listener = (message: unknown) => events.push([name, message]);
    subscribe(name, listener);
    return () => unsubscribe(name, listener);
  });
  try {
    const stream = decodeTest(bytes(...cutAt(body, [10, 60, 120])));
    await toArray(stream);
    const metrics = stream.metrics()!;
    expect(metrics).toMatchObject({ provider: 'test', outputTokens: 7, chunks: 4 });
    expect(metrics.ttftMs).toBeGreaterThanOrEqual(0);
    expect(metrics.totalMs).toBeGreaterThanOrEqual(metrics.ttftMs!);
    expect(metrics.gapP90Ms).toBeGreaterThanOrEqual(metrics.gapP50Ms);
    expect(events.map(([name]) => name)).toEqual([
      'hotpath:stream:start',
      'hotpath:stream:first-token',
      'hotpath:stream:end',
    ]);
    const end = events[2]![1] as StreamEndMessage;
    expect(end.aborted).toBe(false);
    expect(end.metrics.outputTokens).toBe(7);
  } finally {
    for (const off of listeners) off();
  }
});

it('publishes aborted: true for a stream stopped early, and the error for a failed one', async () => {
  const ends: StreamEndMessage[] = [];
  const listener = (message: unknown) => ends.push(message as StreamEndMessage);
  subscribe(STREAM_CHANNELS.end, listener);
  try {
    const body = testEvent({ text: 'a' }).repeat(3);
    for await (const _ of decodeTest(bytes(body, body))) break;
    await toArray(decodeTest(bytes('data: {oops}\n\n'))).catch(() => undefined);
    expect(ends.map((m) => [m.aborted, (m.error as { code?: string } | undefined)?.code])).toEqual([
      [true, undefined],
      [false, 'HOTPATH_STREAM_MALFORMED_CHUNK'],
    ]);
  } finally {
    unsubscribe(STREAM_CHANNELS.end, listener);
  }
});
