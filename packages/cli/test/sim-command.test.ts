import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.ts';
import { capture } from './helpers.ts';

describe('hotpath sim', () => {
  it('serves OpenAI chat completions until its signal aborts, then closes', async () => {
    const [stdout, stderr] = [capture(), capture()];
    const controller = new AbortController();
    const argv = [
      'sim',
      '--port',
      '0',
      '--ttft-ms',
      '0',
      '--tps',
      'Infinity',
      '--tokens',
      '5',
      '--seed',
      '7',
    ];
    const exit = runCli(argv, { stdout, stderr, signal: controller.signal });
    const [, url] = await stdout.waitFor(/listening on (http:\/\/\S+)\n/);
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim-small', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      choices: { message: { content: string } }[];
      usage: { completion_tokens: number };
    };
    expect(body.choices[0]?.message.content.length).toBeGreaterThan(0);
    expect(body.usage.completion_tokens).toBe(5);
    controller.abort();
    expect(await exit).toBe(0);
    expect(stderr.text()).toContain('stopped after 1 requests');
    await expect(fetch(`${url}/v1/models`)).rejects.toThrow();
  });

  it('rejects an unknown fault mode with exit code 2', async () => {
    const [stdout, stderr] = [capture(), capture()];
    expect(await runCli(['sim', '--fault', 'gremlins'], { stdout, stderr })).toBe(2);
    expect(stderr.text()).toContain('--fault must be one of 429, 500');
  });
});
