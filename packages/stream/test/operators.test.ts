import type { StreamDelta } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import {
  budget,
  collect,
  fanOut,
  LateJoinError,
  rechunk,
  record,
  replay,
  SlowConsumerError,
  StreamArgumentError,
  TruncatedStreamError,
  tee,
} from '../src/index.ts';
import { bytes, DONE, decodeTest, failure, testEvent, toArray } from './helpers.ts';

const text = (t: string): StreamDelta => ({ type: 'text', text: t });

async function* deltas(...items: StreamDelta[]): AsyncGenerator<StreamDelta> {
  for (const item of items) yield item;
}

/** A source the test feeds by hand; `end()` finishes it. */
function manual(): { source: AsyncIterable<StreamDelta>; push(d: StreamDelta): void; end(): void } {
  const queue: (StreamDelta | null)[] = [];
  let wake: (() => void) | undefined;
  return {
    source: (async function* () {
      for (;;) {
        while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const item = queue.shift()!;
        if (item === null) return;
        yield item;
      }
    })(),
    push: (d) => {
      queue.push(d);
      wake?.();
    },
    end: () => {
      queue.push(null);
      wake?.();
    },
  };
}

function testBody(words: string[]): string {
  return `${words.map((text) => testEvent({ text })).join('')}${testEvent({ finish: 'stop' })}${DONE}`;
}

describe('rechunk', () => {
  it('merges small text deltas up to minChars and flushes before non-text deltas and at the end', async () => {
    const out = await toArray(
      rechunk(
        deltas(
          text('a'),
          text('b'),
          text('c'),
          text('d'),
          { type: 'reasoning', text: 'r' },
          text('e'),
          { type: 'finish', reason: 'stop' },
          text('f'),
        ),
        { minChars: 3 },
      ),
    );
    expect(out).toEqual([
      text('abc'),
      text('d'),
      { type: 'reasoning', text: 'r' },
      text('e'),
      { type: 'finish', reason: 'stop' },
      text('f'),
    ]);
  });

  it('flushes buffered text after maxDelayMs while the source is stalled', async () => {
    const feed = manual();
    const stream = rechunk(feed.source, { minChars: 100, maxDelayMs: 20 });
    feed.push(text('he'));
    feed.push(text('llo'));
    expect(await stream.next()).toEqual({ value: text('hello'), done: false });
    feed.push(text('!'));
    feed.end();
    expect(await toArray(stream)).toEqual([text('!')]);
  });

  it('keeps the text of a decoded stream intact', async () => {
    const words = Array.from({ length: 50 }, (_, i) => `w${i} `);
    const merged = await collect(rechunk(decodeTest(bytes(testBody(words))), { minChars: 16 }));
    expect(merged.text).toBe(words.join(''));
    expect(merged.finishReason).toBe('stop');
  });
});

describe('budget', () => {
  it('passes a stream that fits through unchanged', async () => {
    const source = [text('ab'), text('cd'), { type: 'finish', reason: 'stop' } as const];
    expect(
      await toArray(budget(deltas(...source), { maxOutputTokens: 4, count: (t) => t.length })),
    ).toEqual(source);
  });

  it('never emits more than the budget, then partial usage and finish length', async () => {
    const out = await toArray(
      budget(deltas(text('ab'), text('cd'), text('ef')), {
        maxOutputTokens: 5,
        count: (t) => t.length,
      }),
    );
    expect(out).toEqual([
      text('ab'),
      text('cd'),
      { type: 'usage', usage: { inputTokens: 0, outputTokens: 4 } },
      { type: 'finish', reason: 'length' },
    ]);
  });

  it('rejects a bad maxOutputTokens with a TypeError naming it', () => {
    expect(() => budget(deltas(), { maxOutputTokens: -1 })).toThrow(StreamArgumentError);
    expect(() => budget(deltas(), { maxOutputTokens: Number.NaN })).toThrow(/maxOutputTokens/);
  });
});

describe('fanOut / tee', () => {
  it('gives every consumer the same deltas in order from one upstream', async () => {
    const [a, b] = tee(deltas(text('1'), text('2'), text('3')));
    const [left, right] = await Promise.all([toArray(a), toArray(b)]);
    expect(left).toEqual([text('1'), text('2'), text('3')]);
    expect(right).toEqual(left);
  });

  it('wait policy: the fast consumer waits for the slow one, nothing is lost', async () => {
    const source = Array.from({ length: 50 }, (_, i) => text(String(i)));
    const { consumers } = fanOut(deltas(...source), 2, { bufferSize: 4 });
    const fast = toArray(consumers[0]!);
    const slow: StreamDelta[] = [];
    for await (const d of consumers[1]!) {
      slow.push(d);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await fast).toEqual(source);
    expect(slow).toEqual(source);
  });

  it('drop policy: a consumer that falls behind fails, the others finish', async () => {
    const source = Array.from({ length: 50 }, (_, i) => text(String(i)));
    const { consumers } = fanOut(deltas(...source), 2, { bufferSize: 4, policy: 'drop' });
    const fast = await toArray(consumers[0]!);
    expect(fast).toEqual(source);
    const error = await failure(consumers[1]!);
    expect(error).toBeInstanceOf(SlowConsumerError);
    expect(error).toMatchObject({ code: 'HOTPATH_STREAM_SLOW_CONSUMER' });
  });

  it('abort policy: a consumer that falls behind aborts the stream for everyone', async () => {
    const source = Array.from({ length: 50 }, (_, i) => text(String(i)));
    const { consumers } = fanOut(deltas(...source), 2, { bufferSize: 4, policy: 'abort' });
    const error = await failure(consumers[0]!);
    expect(error).toBeInstanceOf(SlowConsumerError);
  });

  it('replays the prefix to a late joiner with replay: true', async () => {
    const hub = fanOut(deltas(text('a'), text('b'), text('c')), 1, { replay: true });
    const first = hub.consumers[0]!;
    expect((await first.next()).value).toEqual(text('a'));
    const late = hub.join();
    expect(await toArray(late)).toEqual([text('a'), text('b'), text('c')]);
    expect(await toArray(first)).toEqual([text('b'), text('c')]);
  });

  it('refuses a late joiner without replay', async () => {
    const hub = fanOut(deltas(text('a'), text('b')), 1);
    await hub.consumers[0]!.next();
    expect(() => hub.join()).toThrow(LateJoinError);
  });
});

describe('record / replay', () => {
  it('records deltas with increasing times and replays them in order', async () => {
    const source = [text('a'), text('b'), { type: 'finish', reason: 'stop' } as const];
    const recording = record(deltas(...source));
    expect(await toArray(recording)).toEqual(source);
    const log = recording.log();
    expect(log.complete).toBe(true);
    expect(log.entries.map((e) => e.delta)).toEqual(source);
    const times = log.entries.map((e) => e.atMs);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(await toArray(replay(JSON.parse(JSON.stringify(log)), { speed: Infinity }))).toEqual(
      source,
    );
    expect(await toArray(replay(log, { speed: 50 }))).toEqual(source);
  });

  it('a log of a stream that was stopped early replays as truncated', async () => {
    const recording = record(deltas(text('a'), text('b')));
    await recording.next();
    await recording.return!();
    const log = recording.log();
    expect(log.complete).toBe(false);
    const error = await failure(replay(log, { speed: Infinity }));
    expect(error).toBeInstanceOf(TruncatedStreamError);
  });

  it('replay stops with the abort signal reason', async () => {
    const log = {
      entries: [
        { atMs: 0, delta: text('a') },
        { atMs: 60_000, delta: text('b') },
      ],
      durationMs: 60_000,
      complete: true,
    };
    const controller = new AbortController();
    const stream = replay(log, { signal: controller.signal });
    expect((await stream.next()).value).toEqual(text('a'));
    const pending = stream.next();
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
