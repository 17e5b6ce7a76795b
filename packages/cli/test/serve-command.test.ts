import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@hotpath/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/index.ts';
import { capture } from './helpers.ts';

describe('hotpath serve', () => {
  let sim: Simulator;
  let dir: string;

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      ttftMs: 0,
      tokensPerSecond: Infinity,
      responseTokens: 5,
    });
    dir = await mkdtemp(join(tmpdir(), 'hotpath-serve-'));
    const config = {
      upstreams: { sim: { type: 'openai', baseURL: `${sim.url}/v1` } },
      models: { 'sim-small': 'sim' },
      cache: { path: join(dir, 'cache.sqlite') },
    };
    await writeFile(join(dir, 'hotpath.config.json'), JSON.stringify(config));
  });

  afterAll(async () => {
    await sim.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the config found in its working directory, caches, and stops on its signal', async () => {
    const [stdout, stderr] = [capture(), capture()];
    const controller = new AbortController();
    const io = { stdout, stderr, cwd: dir, signal: controller.signal };
    const exit = runCli(['serve', '--port', '0'], io);
    const [, url] = await stdout.waitFor(/listening on (http:\/\/\S+)/);
    const ask = () =>
      fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
        body: JSON.stringify({
          model: 'sim-small',
          temperature: 0,
          messages: [{ role: 'user', content: 'hi' }],
        }),
      });
    const first = await ask();
    expect(first.status).toBe(200);
    expect(first.headers.get('x-hotpath-cache')).toBe('miss');
    await first.json();
    const second = await ask();
    expect(second.headers.get('x-hotpath-cache')).toBe('hit');
    await second.json();
    expect(sim.stats().requests).toBe(1);
    controller.abort();
    expect(await exit).toBe(0);
    expect(stderr.text()).toContain('stopped');
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  it('fails with the gateway error code when no config file exists', async () => {
    const [stdout, stderr] = [capture(), capture()];
    const empty = await mkdtemp(join(tmpdir(), 'hotpath-serve-none-'));
    try {
      expect(await runCli(['serve'], { stdout, stderr, cwd: empty })).toBe(1);
      expect(stderr.text()).toContain('HOTPATH_GATEWAY_');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
