import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, type SimulatorOptions, startSimulator } from '@hotpath/simulator';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { type GatewayConfig, startGateway } from '../src/index.ts';
import { hello } from './fixtures.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function twoUpstreams(
  first: SimulatorOptions,
  extra: Partial<GatewayConfig> = {},
  headers: Record<string, string> = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'hotpath-gateway-fallback-'));
  dirs.push(dir);
  const a = await startSimulator(first);
  const b = await startSimulator();
  const gateway = await startGateway({
    upstreams: {
      a: { type: 'openai', baseURL: `${a.url}/v1`, headers },
      b: { type: 'openai', baseURL: `${b.url}/v1` },
    },
    models: { 'sim-small': ['a', 'b'], renamed: ['a', { upstream: 'b', model: 'sim-large' }] },
    cache: false,
    ...extra,
  });
  const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-x', maxRetries: 0 });
  return {
    a,
    b,
    client,
    gateway,
    async [Symbol.asyncDispose]() {
      await gateway.close();
      await Promise.all([a.close(), b.close()]);
    },
  };
}

const chats = (sim: Simulator) => sim.stats().routes['openai.chat'];

describe('fallback to the next upstream', () => {
  it('falls back when the first upstream is down (connection refused)', async () => {
    await using rig = await twoUpstreams({});
    await rig.a.close();
    const answer = await rig.client.chat.completions.create({
      model: 'sim-small',
      messages: hello,
    });
    expect(answer.choices[0]?.message.content).toBeTruthy();
    expect(chats(rig.b)).toBe(1);
  });

  it('falls back on a 5xx, and on a 429 after its retries', async () => {
    await using failing = await twoUpstreams({ fault: '500' });
    await failing.client.chat.completions.create({ model: 'sim-small', messages: hello });
    expect([chats(failing.a), chats(failing.b)]).toEqual([1, 1]);
    await using limited = await twoUpstreams({ fault: '429', retryAfterMs: 0 }, { retries: 2 });
    await limited.client.chat.completions.create({ model: 'sim-small', messages: hello });
    expect([chats(limited.a), chats(limited.b)]).toEqual([3, 1]);
  });

  it('falls back for a stream that fails before its first token', async () => {
    await using rig = await twoUpstreams({ fault: '503' });
    const stream = await rig.client.chat.completions.create({
      model: 'sim-small',
      messages: hello,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text.split(' ')).toHaveLength(32);
    expect([chats(rig.a), chats(rig.b)]).toEqual([1, 1]);
  });

  it('sends the fallback its own model name', async () => {
    await using rig = await twoUpstreams({ fault: '500' });
    const answer = await rig.client.chat.completions.create({ model: 'renamed', messages: hello });
    expect(answer.model).toBe('sim-large');
  });

  it('does not fall back on a client error', async () => {
    await using rig = await twoUpstreams({}, {}, { 'x-sim-seed': 'not-a-number' });
    const error = await rig.client.chat.completions
      .create({ model: 'sim-small', messages: hello })
      .catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(400);
    expect([chats(rig.a), chats(rig.b)]).toEqual([1, 0]);
    expect(rig.a.stats().statuses[400]).toBe(1);
  });

  it("answers the last upstream's error when every upstream fails", async () => {
    await using rig = await twoUpstreams({ fault: '500' });
    await rig.b.close();
    const error = await rig.client.chat.completions
      .create({ model: 'sim-small', messages: hello })
      .catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(502);
    expect(chats(rig.a)).toBe(1);
  });
});
