import { createCache, StreamCache, type StreamStatus } from '@hotpath/cache';
import type { CompletionRequest, StreamDelta } from '@hotpath/protocol';
import { expect, it } from 'vitest';
import { deferred } from './helpers.ts';

const request: CompletionRequest = {
  model: 'm',
  temperature: 0,
  messages: [{ role: 'user', content: 'hi' }],
};
const answer: StreamDelta[] = [
  { type: 'text', text: 'Hel' },
  { type: 'text', text: 'lo' },
  { type: 'usage', usage: { inputTokens: 3, outputTokens: 2 } },
  { type: 'finish', reason: 'stop' },
];

async function collect(stream: AsyncIterable<StreamDelta>): Promise<StreamDelta[]> {
  const out: StreamDelta[] = [];
  for await (const delta of stream) out.push(delta);
  return out;
}

function upstream(deltas: StreamDelta[], failAfter?: number) {
  let calls = 0;
  const call = async function* () {
    calls++;
    for (const [i, delta] of deltas.entries()) {
      if (i === failAfter) throw new Error('connection reset');
      await Promise.resolve();
      yield delta;
    }
  };
  return { call, calls: () => calls };
}

it('records a finished stream and replays it, instantly or paced, without calling upstream', async () => {
  await using cache = await createCache();
  const streams = new StreamCache({ cache });
  const { call, calls } = upstream(answer);
  expect(await collect(streams.stream(request, call))).toEqual(answer);
  expect(await collect(streams.stream(request, call))).toEqual(answer);
  expect(await collect(streams.stream(request, call, { paced: true, speed: 4 }))).toEqual(answer);
  expect(calls()).toBe(1);
});

it('never stores errored, length-truncated or unfinished streams', async () => {
  await using cache = await createCache();
  const streams = new StreamCache({ cache });
  const failing = upstream(answer, 2);
  await expect(collect(streams.stream(request, failing.call))).rejects.toThrow('connection reset');
  await expect(collect(streams.stream(request, failing.call))).rejects.toThrow('connection reset');
  expect(failing.calls()).toBe(2);
  const truncated = upstream([answer[0]!, { type: 'finish', reason: 'length' }]);
  const other = { ...request, maxTokens: 1 };
  await collect(streams.stream(other, truncated.call));
  await collect(streams.stream(other, truncated.call));
  expect(truncated.calls()).toBe(2);
  const unfinished = upstream([answer[0]!]);
  const third = { ...request, seed: 3 };
  await collect(streams.stream(third, unfinished.call));
  await collect(streams.stream(third, unfinished.call));
  expect(unfinished.calls()).toBe(2);
});

it('never stores an aborted stream', async () => {
  await using cache = await createCache();
  const streams = new StreamCache({ cache });
  const gate = deferred<void>();
  let calls = 0;
  const call = async function* () {
    calls++;
    yield answer[0]!;
    await gate.promise;
    yield* answer.slice(1);
  };
  for await (const delta of streams.stream(request, call)) {
    if (delta.type === 'text') break;
  }
  gate.resolve();
  expect(await collect(streams.stream(request, call))).toEqual(answer);
  expect(calls).toBe(2);
});

it('shares one upstream stream: a late joiner gets the prefix, then the live deltas', async () => {
  await using cache = await createCache();
  const streams = new StreamCache({ cache });
  const gates = answer.map(() => deferred<void>());
  let calls = 0;
  const call = async function* () {
    calls++;
    for (const [i, delta] of answer.entries()) {
      await gates[i]!.promise;
      yield delta;
    }
  };
  const first = streams.stream(request, call)[Symbol.asyncIterator]();
  const firstDeltas: StreamDelta[] = [];
  gates[0]!.resolve();
  gates[1]!.resolve();
  firstDeltas.push(
    (await first.next()).value as StreamDelta,
    (await first.next()).value as StreamDelta,
  );
  const late = collect(streams.stream(request, call));
  for (const gate of gates.slice(2)) gate.resolve();
  for (let next = await first.next(); !next.done; next = await first.next())
    firstDeltas.push(next.value);
  expect(firstDeltas).toEqual(answer);
  expect(await late).toEqual(answer);
  expect(calls).toBe(1);
  expect(streams.upstreamCalls).toBe(1);
});

it("one consumer's abort leaves the shared stream running for the others", async () => {
  await using cache = await createCache();
  const streams = new StreamCache({ cache });
  const gate = deferred<void>();
  const call = async function* () {
    yield answer[0]!;
    await gate.promise;
    yield* answer.slice(1);
  };
  const controller = new AbortController();
  const quitter = collect(streams.stream(request, call, { signal: controller.signal }));
  const stayer = collect(streams.stream(request, call));
  await new Promise((resolve) => setImmediate(resolve));
  controller.abort(new Error('left'));
  await expect(quitter).rejects.toThrow('left');
  gate.resolve();
  expect(await stayer).toEqual(answer);
});

it('reports hit, shared and miss with the savings of the streams that did not go upstream', async () => {
  await using cache = await createCache();
  const streams = new StreamCache({
    cache,
    prices: { [request.model]: { inputPerMillion: 1_000_000, outputPerMillion: 1_000_000 } },
  });
  const { call, calls } = upstream(answer);
  const statuses: StreamStatus[] = [{}, {}, {}];
  const [first, second] = await Promise.all(
    statuses.slice(0, 2).map((status) => collect(streams.stream(request, call, { status }))),
  );
  expect(first).toEqual(answer);
  expect(second).toEqual(answer);
  expect(await collect(streams.stream(request, call, { status: statuses[2]! }))).toEqual(answer);
  expect(calls()).toBe(1);
  expect(statuses.map((s) => s.outcome)).toEqual(['miss', 'shared', 'hit']);
  expect(statuses[0]!.saved).toBeUndefined();
  const usage = answer.find((d) => d.type === 'usage');
  const tokens = usage?.type === 'usage' ? usage.usage : undefined;
  for (const status of statuses.slice(1))
    expect(status.saved).toMatchObject({
      inputTokens: tokens?.inputTokens,
      outputTokens: tokens?.outputTokens,
    });
  expect(streams.stats()).toMatchObject({ hits: 1, shared: 1, misses: 1 });
  expect(streams.stats().savedInputTokens).toBe(2 * (tokens?.inputTokens ?? 0));
});

it('keeps tenants apart: another scope neither replays nor joins', async () => {
  await using cache = await createCache();
  const streams = new StreamCache({ cache });
  const { call, calls } = upstream(answer);
  await collect(streams.stream(request, call, { scope: 'tenant-a' }));
  const status: StreamStatus = {};
  await collect(streams.stream(request, call, { scope: 'tenant-b', status }));
  expect(status.outcome).toBe('miss');
  expect(calls()).toBe(2);
  await expect(
    collect(streams.stream(request, call, { scope: 42 as never })),
  ).rejects.toMatchObject({
    code: 'HOTPATH_CACHE_INVALID_ARGUMENT',
  });
});
