import { request } from 'node:http';
import { expect, it } from 'vitest';
import { hello, startRig } from './fixtures.ts';

const body = JSON.stringify({ model: 'sim-small', messages: hello, temperature: 0, stream: true });

/** Opens a streaming call, waits for its first bytes, then drops the connection. */
function streamThenHangUp(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/v1/chat/completions`,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        res.once('data', (chunk: Buffer) => {
          req.destroy();
          resolve(chunk.toString());
        });
      },
    );
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end(body);
  });
}

it('aborts the upstream stream when the client hangs up, and never caches the cut-off stream', async () => {
  await using rig = await startRig({ sim: { tokensPerSecond: 40, responseTokens: 40 } });
  const first = await streamThenHangUp(rig.gateway.url);
  expect(first.startsWith('data: ')).toBe(true);
  await rig.sim.waitFor((s) => s.streamsAborted === 1);
  const send = () => fetch(`${rig.gateway.url}/v1/chat/completions`, { method: 'POST', body });
  const replay = await send();
  expect(replay.headers.get('x-hotpath-cache')).toBe('miss');
  expect(await replay.text()).toMatch(/data: \[DONE\]\n\n$/);
  const cached = await send();
  expect(cached.headers.get('x-hotpath-cache')).toBe('hit');
  await cached.text();
  expect(rig.sim.stats()).toMatchObject({ streamsAborted: 1, streamsCompleted: 1 });
  expect(rig.sim.stats().routes['openai.chat']).toBe(2);
});

it('aborts a non-streaming upstream call when the client hangs up', async () => {
  await using rig = await startRig({ sim: { ttftMs: 60_000 } });
  const controller = new AbortController();
  const pending = rig.client.chat.completions
    .create({ model: 'sim-small', messages: hello }, { signal: controller.signal })
    .catch((e: unknown) => e);
  await rig.sim.waitFor((s) => s.routes['openai.chat'] === 1);
  controller.abort();
  await pending;
  const stats = await rig.sim.waitFor((s) => s.requestsAborted === 1);
  expect(stats.requestsAborted).toBe(1);
});
