import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../src/index.ts';
import { chat, openAiText, post } from './helpers.ts';

describe('paced streams', () => {
  it('delivers the same content to 200 concurrent paced, jittered streams as unpaced', async () => {
    await using sim = await startSimulator({ responseTokens: 10 });
    const expected = openAiText(
      await (await post(sim.url, '/v1/chat/completions', chat('same', { stream: true }))).text(),
    );
    const paced = { 'x-sim-tokens-per-sec': '50', 'x-sim-ttft-ms': '20', 'x-sim-jitter': '0.5' };
    const texts = await Promise.all(
      Array.from({ length: 200 }, async () => {
        const res = await post(
          sim.url,
          '/v1/chat/completions',
          chat('same', { stream: true }),
          paced,
        );
        return openAiText(await res.text());
      }),
    );
    expect(new Set(texts)).toEqual(new Set([expected]));
    const stats = sim.stats();
    expect(stats.streamsCompleted).toBe(201);
    expect(stats.tokensSent).toBe(201 * 10);
    expect(stats.activeStreams).toBe(0);
  });

  it('sends a non-streaming answer whole after its generation time', async () => {
    await using sim = await startSimulator({ ttftMs: 10, tokensPerSecond: 200, responseTokens: 5 });
    const res = await post(sim.url, '/v1/chat/completions', chat('x'));
    const body = (await res.json()) as { usage: { completion_tokens: number } };
    expect(body.usage.completion_tokens).toBe(5);
  });

  it('publishes every request on hotpath:simulator:request', async () => {
    await using sim = await startSimulator();
    const seen: unknown[] = [];
    const listener = (message: unknown): void => {
      seen.push(message);
    };
    subscribe('hotpath:simulator:request', listener);
    try {
      await (await post(sim.url, '/v1/chat/completions?x=1', chat('x'))).text();
      await (await fetch(`${sim.url}/v1/models`)).text();
    } finally {
      unsubscribe('hotpath:simulator:request', listener);
    }
    expect(seen).toEqual([
      { route: 'openai.chat', method: 'POST', path: '/v1/chat/completions' },
      { route: 'openai.models', method: 'GET', path: '/v1/models' },
    ]);
  });
});
