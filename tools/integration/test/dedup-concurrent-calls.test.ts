import { join } from 'node:path';
import { cachePlugin } from '@hotpath/plugin-cache';
import { metricsPlugin } from '@hotpath/plugin-metrics';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFullHost } from '../src/index.ts';
import { counterValue, drain, tempDir, textOf } from './helpers.ts';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('hotpath-integration-dedup-');
});
afterEach(() => dir.remove());

const REQUESTS = 'hotpath_llm_requests_total';

describe('full host: dedup of concurrent identical calls', () => {
  it('sends 20 concurrent identical completions upstream once', async () => {
    await using t = await startFullHost({
      plugins: [metricsPlugin(), cachePlugin({ sqlitePath: join(dir.path, 'cache.sqlite') })],
      // The upstream answer takes a while, so every caller arrives while it is in flight.
      simulator: { ttftMs: 200 },
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.host.complete(t.request('Explain single-flight'))),
    );
    const stats = t.sim.stats();
    expect(stats.requests).toBe(1);
    expect(stats.routes['openai.chat']).toBe(1);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    const families = t.host.service('metrics').metrics.collect();
    expect(counterValue(families, REQUESTS, { cache: 'miss' })).toBe(1);
    const joined =
      counterValue(families, REQUESTS, { cache: 'shared' }) +
      counterValue(families, REQUESTS, { cache: 'hit' });
    expect(joined).toBe(19);
  });

  it('shares one upstream stream among 10 concurrent identical streams, each getting every delta', async () => {
    await using t = await startFullHost({
      plugins: [metricsPlugin(), cachePlugin({ sqlitePath: join(dir.path, 'cache.sqlite') })],
      simulator: { ttftMs: 200, tokensPerSecond: 200, responseTokens: 30 },
    });
    const streams = await Promise.all(
      Array.from({ length: 10 }, () => drain(t.host.stream(t.request('Stream together')))),
    );
    const stats = t.sim.stats();
    expect(stats.requests).toBe(1);
    expect(stats.streamsStarted).toBe(1);
    expect(stats.streamsCompleted).toBe(1);
    for (const deltas of streams) expect(deltas).toEqual(streams[0]);
    expect(textOf(streams[0]!).length).toBeGreaterThan(0);
    expect(streams[0]!.at(-1)).toMatchObject({ type: 'finish' });
    const families = t.host.service('metrics').metrics.collect();
    expect(counterValue(families, REQUESTS, { call: 'stream', cache: 'miss' })).toBe(1);
  });

  it('dedups a mixed burst: identical completions and streams of two prompts make two upstream calls each', async () => {
    await using t = await startFullHost({
      plugins: [cachePlugin({ sqlitePath: join(dir.path, 'cache.sqlite') })],
      simulator: { ttftMs: 200, tokensPerSecond: 500, responseTokens: 20 },
    });
    const prompts = ['first prompt', 'second prompt'];
    await Promise.all(
      prompts.flatMap((prompt) => [
        ...Array.from({ length: 5 }, () => t.host.complete(t.request(prompt))),
        ...Array.from({ length: 5 }, () => drain(t.host.stream(t.request(prompt)))),
      ]),
    );
    const stats = t.sim.stats();
    // Completions and streams are cached separately: one of each per prompt.
    expect(stats.routes['openai.chat']).toBe(4);
    expect(stats.streamsStarted).toBe(2);
  });
});
