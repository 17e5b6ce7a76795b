import { join } from 'node:path';
import { cachePlugin } from '@hotpath/plugin-cache';
import { metricsPlugin } from '@hotpath/plugin-metrics';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFullHost } from '../src/index.ts';
import { counterValue, drain, tempDir, textOf } from './helpers.ts';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('hotpath-integration-cache-');
});
afterEach(() => dir.remove());

const REQUESTS = 'hotpath_llm_requests_total';

describe('full host: cache hit and miss', () => {
  it('answers a repeated completion from the cache: one upstream request, metrics count miss then hit', async () => {
    await using t = await startFullHost({
      plugins: [metricsPlugin(), cachePlugin({ sqlitePath: join(dir.path, 'cache.sqlite') })],
    });
    const first = await t.host.complete(t.request('What is a cache?'));
    const second = await t.host.complete(t.request('What is a cache?'));
    expect(second).toEqual(first);
    expect(t.sim.stats().routes['openai.chat']).toBe(1);
    const families = t.host.service('metrics').metrics.collect();
    expect(counterValue(families, REQUESTS, { call: 'complete', cache: 'miss' })).toBe(1);
    expect(counterValue(families, REQUESTS, { call: 'complete', cache: 'hit' })).toBe(1);
    expect(t.host.service('cache').savings()).toMatchObject({
      hits: 1,
      inputTokens: first.usage.inputTokens,
      outputTokens: first.usage.outputTokens,
    });
  });

  it('misses on a different prompt, model or API key, and on a non-deterministic request', async () => {
    await using t = await startFullHost({
      plugins: [metricsPlugin(), cachePlugin({ sqlitePath: join(dir.path, 'cache.sqlite') })],
    });
    const asKey = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });
    await t.host.complete(t.request('one'), asKey('sk-a'));
    await t.host.complete(t.request('two'), asKey('sk-a'));
    await t.host.complete(t.request('one', { model: 'sim-large' }), asKey('sk-a'));
    await t.host.complete(t.request('one'), asKey('sk-b'));
    await t.host.complete(t.request('one', { temperature: 0.9 }), asKey('sk-a'));
    await t.host.complete(t.request('one', { temperature: 0.9 }), asKey('sk-a'));
    expect(t.sim.stats().routes['openai.chat']).toBe(6);
    await t.host.complete(t.request('one'), asKey('sk-a'));
    await t.host.complete(t.request('one'), asKey('sk-b'));
    expect(t.sim.stats().routes['openai.chat']).toBe(6);
    const families = t.host.service('metrics').metrics.collect();
    expect(counterValue(families, REQUESTS, { cache: 'miss' })).toBe(4);
    expect(counterValue(families, REQUESTS, { cache: 'hit' })).toBe(2);
    expect(counterValue(families, REQUESTS, { cache: 'none' })).toBe(2);
  });

  it('replays a finished stream from the cache with the same deltas, without a second upstream stream', async () => {
    await using t = await startFullHost({
      plugins: [cachePlugin({ sqlitePath: join(dir.path, 'cache.sqlite') })],
      simulator: { responseTokens: 24 },
    });
    const live = await drain(t.host.stream(t.request('Stream a haiku')));
    const replay = await drain(t.host.stream(t.request('Stream a haiku')));
    expect(replay).toEqual(live);
    expect(textOf(live).length).toBeGreaterThan(0);
    expect(live.at(-1)).toMatchObject({ type: 'finish' });
    expect(t.sim.stats().streamsStarted).toBe(1);
    expect(t.sim.stats().streamsCompleted).toBe(1);
  });

  it('keeps answers in the SQLite L2 across a host restart', async () => {
    const sqlitePath = join(dir.path, 'cache.sqlite');
    {
      await using t = await startFullHost({ plugins: [cachePlugin({ sqlitePath })] });
      await t.host.complete(t.request('durable'));
      expect(t.sim.stats().routes['openai.chat']).toBe(1);
    }
    await using t = await startFullHost({ plugins: [cachePlugin({ sqlitePath })] });
    await t.host.complete(t.request('durable'));
    expect(t.sim.stats().routes['openai.chat']).toBe(0);
  });
});
