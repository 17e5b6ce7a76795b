import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '@hotpath/simulator';
import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { startGateway } from '../src/index.ts';
import { hello, simConfig, startRig } from './fixtures.ts';

/** The value of the first Prometheus sample whose line starts with `name{` and has every label. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith(`${name}{`) &&
        Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)),
    );
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

it('serves Prometheus metrics of the calls it answered', async () => {
  await using rig = await startRig();
  await rig.client.chat.completions.create({ model: 'sim-small', messages: hello, temperature: 0 });
  await rig.client.chat.completions.create({ model: 'sim-small', messages: hello, temperature: 0 });
  const response = await fetch(`${rig.gateway.url}/metrics`);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  expect(sample(text, 'hotpath_llm_requests_total', { cache: 'miss' })).toBe(1);
  expect(sample(text, 'hotpath_llm_requests_total', { cache: 'hit' })).toBe(1);
});

it('counts cache hits and misses per tier after a known sequence of calls', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotpath-gateway-metrics-'));
  await using sim = await startSimulator();
  const ask = (client: OpenAI, content: string) =>
    client.chat.completions.create({
      model: 'sim-small',
      temperature: 0,
      messages: [{ role: 'user', content }],
    });
  try {
    {
      // A first instance fills the SQLite L2 with the answer to 'a'.
      await using first = await startGateway(simConfig(sim, dir));
      await ask(new OpenAI({ baseURL: `${first.url}/v1`, apiKey: 'k', maxRetries: 0 }), 'a');
    }
    await using gateway = await startGateway(simConfig(sim, dir));
    const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'k', maxRetries: 0 });
    await ask(client, 'a'); // L1 miss, L2 hit
    await ask(client, 'a'); // L1 hit
    await ask(client, 'a'); // L1 hit
    await ask(client, 'b'); // L1 miss, L2 miss (upstream)
    await ask(client, 'b'); // L1 hit
    await ask(client, 'c'); // L1 miss, L2 miss (upstream)
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    const l1 = { tier: 'l1' };
    const l2 = { tier: 'l2' };
    expect(sample(text, 'hotpath_cache_hits_total', l1)).toBe(3);
    expect(sample(text, 'hotpath_cache_misses_total', l1)).toBe(3);
    expect(sample(text, 'hotpath_cache_hit_ratio', l1)).toBeCloseTo(0.5, 6);
    expect(sample(text, 'hotpath_cache_hits_total', l2)).toBe(1);
    expect(sample(text, 'hotpath_cache_misses_total', l2)).toBe(2);
    expect(sample(text, 'hotpath_cache_hit_ratio', l2)).toBeCloseTo(1 / 3, 6);
    // The cache's own counters agree with what /metrics exports.
    const stats = gateway.host.service('cache').cache.stats();
    expect([stats.l1, stats.l2.hits, stats.l2.misses]).toEqual([{ hits: 3, misses: 3 }, 1, 2]);
    expect(sim.stats().routes['openai.chat']).toBe(3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('has no /metrics when metrics are off, and /health answers ok', async () => {
  await using rig = await startRig({ config: { metrics: false } });
  expect((await fetch(`${rig.gateway.url}/metrics`)).status).toBe(404);
  expect(await (await fetch(`${rig.gateway.url}/health`)).json()).toEqual({ status: 'ok' });
});
