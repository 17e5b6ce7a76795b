import { describe, expect, it } from 'vitest';
import { startSimulator } from '../src/index.ts';
import { chat, post, readAll, readUntil } from './helpers.ts';

describe('counters', () => {
  it('counts requests per route, statuses and tokens sent', async () => {
    await using sim = await startSimulator({ responseTokens: 5 });
    await (await post(sim.url, '/v1/chat/completions', chat('a', { stream: true }))).text();
    await (await post(sim.url, '/v1/chat/completions', chat('a'))).text();
    await (await post(sim.url, '/v1/messages', { ...chat('a'), max_tokens: 3 })).text();
    await (await post(sim.url, '/api/chat', chat('a'))).text();
    await (await post(sim.url, '/v1/embeddings', { model: 'm', input: 'a', dimensions: 2 })).text();
    await (await fetch(`${sim.url}/nowhere`)).text();
    const stats = await sim.waitFor((s) => s.streamsCompleted === 2);
    expect(stats.requests).toBe(6);
    expect(stats.routes).toMatchObject({
      'openai.chat': 2,
      'anthropic.messages': 1,
      'ollama.chat': 1,
      'openai.embeddings': 1,
      unknown: 1,
    });
    expect(stats.statuses).toEqual({ '200': 5, '404': 1 });
    expect(stats.tokensSent).toBe(5 + 5 + 3 + 5);
    expect(stats.streamsStarted).toBe(2);
    expect(stats.activeStreams).toBe(0);
    sim.resetStats();
    expect(sim.stats()).toMatchObject({ requests: 0, tokensSent: 0, statuses: {} });
  });

  it('detects a client abort mid-stream and stops sending to it', async () => {
    await using sim = await startSimulator({ tokensPerSecond: 40 });
    const controller = new AbortController();
    const res = await post(
      sim.url,
      '/v1/chat/completions',
      chat('long', { stream: true }),
      { 'x-sim-response-tokens': '100000' },
      controller.signal,
    );
    const reader = res.body!.getReader();
    await readUntil(reader, (text) => text.split('"content":').length > 3);
    expect(sim.stats()).toMatchObject({ activeStreams: 1, streamsStarted: 1 });
    controller.abort();
    const aborted = await sim.waitFor((s) => s.streamsAborted === 1);
    expect(aborted.activeStreams).toBe(0);
    expect(aborted.streamsCompleted).toBe(0);
    // A second paced stream of 10 tokens runs to the end meanwhile; the aborted one must add nothing.
    const sent = aborted.tokensSent;
    await (
      await post(sim.url, '/v1/chat/completions', chat('short', { stream: true }), {
        'x-sim-response-tokens': '10',
      })
    ).text();
    const after = await sim.waitFor((s) => s.streamsCompleted === 1);
    expect(after.tokensSent).toBe(sent + 10);
    expect(sent).toBeLessThan(100_000);
  });

  it('counts a non-streaming request abandoned while the answer is generated', async () => {
    await using sim = await startSimulator({ ttftMs: 60_000 });
    const controller = new AbortController();
    const pending = post(
      sim.url,
      '/v1/chat/completions',
      chat('slow'),
      {},
      controller.signal,
    ).catch((e: unknown) => e);
    await sim.waitFor((s) => s.requests === 1);
    controller.abort();
    expect(await pending).toBeInstanceOf(Error);
    const stats = await sim.waitFor((s) => s.requestsAborted === 1);
    expect(stats.tokensSent).toBe(0);
  });

  it('tracks active connections', async () => {
    await using sim = await startSimulator({ tokensPerSecond: 20 });
    const controllers = [new AbortController(), new AbortController()];
    const bodies = await Promise.all(
      controllers.map((c) =>
        post(
          sim.url,
          '/v1/chat/completions',
          chat('x', { stream: true }),
          { 'x-sim-response-tokens': '1000' },
          c.signal,
        ),
      ),
    );
    expect(
      (await sim.waitFor((s) => s.activeStreams === 2)).activeConnections,
    ).toBeGreaterThanOrEqual(2);
    for (const c of controllers) c.abort();
    for (const body of bodies) await readAll(body);
    const stats = await sim.waitFor((s) => s.activeConnections === 0);
    expect(stats.streamsAborted).toBe(2);
  });

  it('ends open streams on close() without counting them as client aborts', async () => {
    const sim = await startSimulator({ tokensPerSecond: 20 });
    const res = await post(sim.url, '/v1/chat/completions', chat('x', { stream: true }), {
      'x-sim-response-tokens': '1000',
    });
    const reader = res.body!.getReader();
    await readUntil(reader, (text) => text.includes('"content"'));
    await sim.close();
    await expect(readUntil(reader, () => false)).rejects.toThrow();
    expect(sim.stats()).toMatchObject({ streamsAborted: 0, activeStreams: 0, streamsCompleted: 0 });
    await sim.close();
  });

  it('waitFor rejects when its signal aborts', async () => {
    await using sim = await startSimulator();
    const controller = new AbortController();
    const waiting = sim.waitFor((s) => s.requests > 100, { signal: controller.signal });
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
  });
});
