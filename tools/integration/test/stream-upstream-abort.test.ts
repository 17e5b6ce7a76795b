// Stopping a decoded stream early, through every `@hotpath/stream` operator, aborts the HTTP
// request: the simulator sees the socket close and stops generating.

import { decodeAnthropic } from '@hotpath/plugin-anthropic';
import { decodeOllama } from '@hotpath/plugin-ollama';
import { decodeOpenAI } from '@hotpath/plugin-openai';
import { type Simulator, startSimulator } from '@hotpath/simulator';
import { budget, fanOut, rechunk, StreamTimeoutError, timeouts } from '@hotpath/stream';
import { failure } from '@hotpath/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request } from './simulator-streams.ts';

// 400 tokens at 100 tokens/s: a stream that would run 4 s if nobody stopped it.
const slow = { 'x-sim-tokens-per-sec': '100', 'x-sim-response-tokens': '400' };

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => sim.resetStats());

async function abortedStreams(count: number) {
  return sim.waitFor((s) => s.streamsAborted === count && s.activeStreams === 0);
}

describe('stopping early aborts the upstream request', () => {
  it('break out of for-await: the simulator sees the socket close and stops sending', async () => {
    const { body, upstream } = await request(sim, 'openai', slow);
    let seen = 0;
    for await (const delta of decodeOpenAI(body, { upstream })) {
      if (delta.type === 'text' && ++seen === 3) break;
    }
    const stats = await abortedStreams(1);
    expect(stats.streamsCompleted).toBe(0);
    expect(stats.tokensSent).toBeLessThan(400);
    expect(upstream.signal.aborted).toBe(true);
  });

  it('through a stack of operators (Anthropic)', async () => {
    const { body, upstream } = await request(sim, 'anthropic', slow);
    const stream = rechunk(timeouts(decodeAnthropic(body, { upstream }), { idleMs: 30_000 }), {
      minChars: 8,
    });
    for await (const delta of stream) if (delta.type === 'text') break;
    const stats = await abortedStreams(1);
    expect(stats.tokensSent).toBeLessThan(400);
  });

  it('an abort signal (Ollama) rejects with its reason and aborts the request', async () => {
    const { body, upstream } = await request(sim, 'ollama', slow);
    const controller = new AbortController();
    const reason = new Error('user left');
    const stream = decodeOllama(body, { upstream, signal: controller.signal });
    await stream.next();
    controller.abort(reason);
    expect(await failure(stream)).toBe(reason);
    await abortedStreams(1);
  });

  it('budget stops at maxOutputTokens, aborts the request and reports partial usage', async () => {
    const { body, upstream } = await request(sim, 'openai', slow);
    const deltas = [];
    for await (const delta of budget(decodeOpenAI(body, { upstream }), {
      maxOutputTokens: 10,
      count: () => 1,
      inputTokens: 3,
    })) {
      deltas.push(delta);
    }
    expect(deltas.filter((d) => d.type === 'text')).toHaveLength(10);
    expect(deltas.slice(-2)).toEqual([
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 10 } },
      { type: 'finish', reason: 'length' },
    ]);
    const stats = await abortedStreams(1);
    expect(stats.tokensSent).toBeLessThan(400);
  });

  it('timeouts: a slow first token fails with limit firstChunk and aborts the request', async () => {
    const { body, upstream } = await request(sim, 'openai', { ...slow, 'x-sim-ttft-ms': '20000' });
    const error = await failure(timeouts(decodeOpenAI(body, { upstream }), { firstChunkMs: 100 }));
    expect(error).toBeInstanceOf(StreamTimeoutError);
    expect(error).toMatchObject({ code: 'HOTPATH_STREAM_TIMEOUT', limit: 'firstChunk', ms: 100 });
    await abortedStreams(1);
  });

  it('timeouts: total limit names itself', async () => {
    const { body, upstream } = await request(sim, 'openai', slow);
    const error = await failure(timeouts(decodeOpenAI(body, { upstream }), { totalMs: 200 }));
    expect(error).toMatchObject({ limit: 'total' });
    await abortedStreams(1);
  });

  it('fan-out aborts the request only when every consumer has stopped', async () => {
    const { body, upstream } = await request(sim, 'openai', slow);
    const {
      consumers: [a, b],
    } = fanOut(decodeOpenAI(body, { upstream }), 2);
    await a!.next();
    await a!.return!();
    const second = await b!.next();
    expect(second.done).toBe(false);
    expect(upstream.signal.aborted).toBe(false);
    await b!.return!();
    await abortedStreams(1);
    expect(upstream.signal.aborted).toBe(true);
  });
});
