import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { startGateway } from '../src/index.ts';
import { hello } from './fixtures.ts';

const CHUNK = {
  id: 'c1',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'm',
  choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }],
};

/**
 * An OpenAI-compatible upstream that stalls: a non-streaming call never gets its headers, a
 * stream gets its headers and one delta, then nothing. It counts the calls it received.
 */
async function stallingUpstream() {
  const held = new Set<ServerResponse>();
  let calls = 0;
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8').on('data', (c: string) => (text += c));
    req.on('end', () => {
      calls++;
      held.add(res);
      if (JSON.parse(text).stream !== true) return;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify(CHUNK)}\n\n`);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    calls: () => calls,
    async [Symbol.asyncDispose]() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      server.close();
    },
  };
}

async function post(url: string, stream: boolean) {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-timeouts' },
    body: JSON.stringify({ model: 'm', temperature: 0, stream, messages: hello }),
  });
  return { status: response.status, text: await response.text() };
}

it('ends a call to an upstream stalled past its configured timeouts with upstream_timeout, and caches nothing', async () => {
  await using upstream = await stallingUpstream();
  await using gateway = await startGateway({
    upstreams: {
      slow: { type: 'openai', baseURL: upstream.url, headersTimeoutMs: 300, bodyTimeoutMs: 300 },
    },
    models: { m: 'slow' },
    cache: { path: ':memory:' },
  });
  // No headers in time: a 504.
  const whole = await post(gateway.url, false);
  expect(whole.status).toBe(504);
  expect(JSON.parse(whole.text).error.code).toBe('upstream_timeout');
  // Stalled after its first delta: the delta, then an error frame, and no [DONE].
  for (let i = 0; i < 2; i++) {
    const stream = await post(gateway.url, true);
    expect(stream.status).toBe(200);
    const frames = stream.text.trim().split('\n\n');
    expect(frames.some((frame) => frame.includes('"Hel"'))).toBe(true);
    expect(JSON.parse(frames.at(-1)!.slice('data: '.length)).error.code).toBe('upstream_timeout');
    expect(stream.text).not.toContain('[DONE]');
  }
  // Each attempt went upstream: nothing half-written was cached.
  expect(upstream.calls()).toBe(3);
});

it('refuses a timeout that is not a positive number of ms, naming the field', async () => {
  const config = {
    upstreams: { u: { type: 'openai' as const, bodyTimeoutMs: '5s' as unknown as number } },
    models: { m: 'u' },
  };
  await expect(startGateway(config)).rejects.toMatchObject({
    code: 'HOTPATH_GATEWAY_INVALID_CONFIG',
    field: 'upstreams.u.bodyTimeoutMs',
  });
});
