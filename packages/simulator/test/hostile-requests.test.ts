import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, SimulatorArgumentError, startSimulator } from '../src/index.ts';
import { Ticker } from '../src/internal/ticker.ts';
import { post } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

const ask = { model: 'sim-small', messages: [{ role: 'user', content: 'hi' }] };

describe('hostile x-sim-* headers', () => {
  it.each([
    ['x-sim-response-tokens', '900000000'],
    ['x-sim-reasoning-tokens', '1000001'],
    ['x-sim-max-tokens', '4294967295'],
    ['x-sim-fault-after', '2000000'],
    ['x-sim-retry-after', '4294967295'],
  ])(
    'answers %s: %s, past what the matching option allows, with a 400 instead of generating it',
    async (name, value) => {
      const res = await post(sim.url, '/v1/chat/completions', ask, { [name]: value });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain(name);
    },
  );

  it('still honours the largest token counts the options allow', async () => {
    const res = await post(sim.url, '/v1/chat/completions', ask, {
      'x-sim-response-tokens': '3',
      'x-sim-max-tokens': '1000000',
      'x-sim-retry-after': '86400',
    });
    expect(res.status).toBe(200);
  });
});

describe('hostile chat bodies', () => {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

  it.each([
    ['/v1/chat/completions', { model: 'sim-small' }],
    ['/v1/messages', { model: 'sim-small', max_tokens: 5 }],
    ['/api/chat', { model: 'sim-small' }],
  ])(
    'answers %s content nested a million levels deep with a 400, not a server error',
    async (path, fields) => {
      const body = `${JSON.stringify(fields).slice(0, -1)},"messages":[{"role":"user","content":${deep(1_000_000)}}]}`;
      const res = await post(sim.url, path, body);
      expect(res.status).toBe(400);
      const after = await post(sim.url, path, {
        ...fields,
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(after.status).toBe(200);
    },
  );
});

describe('hostile embedding requests', () => {
  it('answers more than 2048 inputs with a 400 on both embedding routes, and embeds 2048', async () => {
    const many = Array.from({ length: 2049 }, () => '');
    for (const path of ['/v1/embeddings', '/api/embed']) {
      const res = await post(sim.url, path, { model: 'sim-embed', input: many, dimensions: 8 });
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain('2048');
    }
    const ok = await post(sim.url, '/v1/embeddings', {
      model: 'sim-embed',
      input: many.slice(1),
      dimensions: 8,
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { data: unknown[] }).data).toHaveLength(2048);
  });
});

describe('Ticker with a due time past the longest Node timer', () => {
  it('waits without waking every millisecond or warning, and still runs what is due soon', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const ticker = new Ticker();
    try {
      let far = false;
      ticker.schedule(performance.now() + 1e12, () => {
        far = true;
      });
      ticker.schedule(Number.POSITIVE_INFINITY, () => {
        far = true;
      });
      const soon = new Promise<void>((resolve) => ticker.schedule(performance.now() + 20, resolve));
      await soon;
      await new Promise((r) => setTimeout(r, 30));
      expect(far).toBe(false);
      expect(warnings.filter((w) => w.name === 'TimeoutOverflowWarning')).toEqual([]);
    } finally {
      ticker.clear();
      process.off('warning', onWarning);
    }
  });
});

describe('startSimulator options of the wrong kind', () => {
  it.each([
    ['null', null],
    ['a string', 'fast'],
    ['a number', 5],
  ])(
    'rejects %s as rateLimit instead of silently using the default window',
    async (_, rateLimit) => {
      await expect(startSimulator({ rateLimit: rateLimit as never })).rejects.toBeInstanceOf(
        SimulatorArgumentError,
      );
    },
  );
});
