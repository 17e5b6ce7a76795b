import { request } from 'node:http';
import { expect, it } from 'vitest';
import { hello, startRig } from './fixtures.ts';

const body = JSON.stringify({ model: 'sim-small', messages: hello, stream: true });

/** Opens a streaming call; resolves once its first bytes arrived, with the promise of the full text. */
function openStream(url: string): Promise<{ rest: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/v1/chat/completions`, { method: 'POST', agent: false }, (res) => {
      let text = '';
      const rest = new Promise<string>((done) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(text));
        res.on('error', () => done(text));
        res.on('close', () => done(text));
      });
      res.once('data', () => resolve({ rest }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

it('close() refuses new connections, drains an in-flight stream to completion, then resolves', async () => {
  await using rig = await startRig({ sim: { tokensPerSecond: 40, responseTokens: 40 } });
  const { rest } = await openStream(rig.gateway.url);
  let closed = false;
  const closing = rig.gateway.close().then(() => {
    closed = true;
  });
  await expect(fetch(`${rig.gateway.url}/health`)).rejects.toThrow();
  const text = await rest;
  expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  await closing;
  expect(closed).toBe(true);
  expect(rig.sim.stats()).toMatchObject({ streamsCompleted: 1, streamsAborted: 0 });
});

it('cuts streams still running after drainTimeoutMs and aborts them upstream', async () => {
  await using rig = await startRig({
    sim: { tokensPerSecond: 5, responseTokens: 500 },
    config: { drainTimeoutMs: 50 },
  });
  const { rest } = await openStream(rig.gateway.url);
  await rig.gateway.close();
  expect(await rest).not.toContain('[DONE]');
  const stats = await rig.sim.waitFor((s) => s.streamsAborted === 1);
  expect(stats.streamsCompleted).toBe(0);
});

it('closes when its signal aborts', async () => {
  const controller = new AbortController();
  await using rig = await startRig({ gateway: { signal: controller.signal } });
  expect((await fetch(`${rig.gateway.url}/health`)).status).toBe(200);
  controller.abort();
  await rig.gateway.close();
  await expect(fetch(`${rig.gateway.url}/health`)).rejects.toThrow();
});
