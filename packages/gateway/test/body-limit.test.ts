import { request } from 'node:http';
import { expect, it } from 'vitest';
import { hello, startRig } from './fixtures.ts';

function chunked(url: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/v1/chat/completions`,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let body = '';
        res
          .setEncoding('utf8')
          .on('data', (c: string) => (body += c))
          .on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

it('answers 413 to a body over the limit, declared or chunked, and keeps serving', async () => {
  await using rig = await startRig({ config: { bodyLimit: 1024 } });
  const big = JSON.stringify({
    model: 'sim-small',
    messages: [{ role: 'user', content: 'x'.repeat(2000) }],
  });
  const declared = await fetch(`${rig.gateway.url}/v1/chat/completions`, {
    method: 'POST',
    body: big,
  });
  expect(declared.status).toBe(413);
  expect(await declared.json()).toMatchObject({
    error: { code: 'request_too_large', type: 'invalid_request_error' },
  });
  const streamed = await chunked(rig.gateway.url, [
    big.slice(0, 700),
    big.slice(700, 1400),
    big.slice(1400),
  ]);
  expect(streamed.status).toBe(413);
  expect(JSON.parse(streamed.body)).toMatchObject({ error: { code: 'request_too_large' } });
  const small = await rig.client.chat.completions.create({ model: 'sim-small', messages: hello });
  expect(small.choices).toHaveLength(1);
  expect(rig.sim.stats().routes['openai.chat']).toBe(1);
});

it('accepts a body of exactly the limit', async () => {
  const body = JSON.stringify({ model: 'sim-small', messages: hello });
  await using rig = await startRig({ config: { bodyLimit: Buffer.byteLength(body) } });
  const response = await fetch(`${rig.gateway.url}/v1/chat/completions`, { method: 'POST', body });
  expect(response.status).toBe(200);
});
