import { request } from 'node:http';
import { startSimulator } from '@hotpath/simulator';
import OpenAI, { APIError } from 'openai';
import { expect, it } from 'vitest';
import { hello, startGatewayChild, startRig } from './fixtures.ts';

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

/** A POST declaring `length` bytes with `Expect: 100-continue`: the status, and whether a 100 came first. */
function expectContinue(
  url: string,
  length: number,
): Promise<{ status: number; continued: boolean; body: string }> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const req = request(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': length,
        expect: '100-continue',
      },
    });
    req.on('continue', () => {
      continued = true;
      req.end('x'.repeat(length));
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, continued, body }));
    });
    req.on('error', reject);
    req.flushHeaders();
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

it('refuses an oversize body announced with Expect: 100-continue before the client sends it', async () => {
  await using rig = await startRig({ config: { bodyLimit: 1024 } });
  const refused = await expectContinue(rig.gateway.url, 4096);
  expect(refused).toMatchObject({ status: 413, continued: false });
  expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'request_too_large' } });
  const accepted = await expectContinue(rig.gateway.url, 10);
  expect(accepted.continued).toBe(true);
  expect(accepted.status).toBe(400);
});

it('gives the official openai client in another process its 413 for a 20 MB body, 10 times out of 10, and the SDK never resends it', async () => {
  await using sim = await startSimulator();
  // Across a process boundary, a server that closes with the body unread resets the connection
  // under a client still uploading; in one process the race never shows.
  await using gateway = await startGatewayChild(sim.url);
  // The SDK's own retries stay on (2 by default): a reset would be retried, a 413 is not.
  const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-test', maxRetries: 2 });
  const content = 'x'.repeat(20 * 1024 * 1024);
  for (let i = 0; i < 10; i++) {
    const error = await client.chat.completions
      .create({ model: 'sim-small', messages: [{ role: 'user', content }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(413);
    expect((error as APIError).code).toBe('request_too_large');
  }
  expect(await gateway.requests()).toBe(10);
  const small = await client.chat.completions.create({ model: 'sim-small', messages: hello });
  expect(small.choices).toHaveLength(1);
  expect(sim.stats().routes['openai.chat']).toBe(1);
}, 120_000);
