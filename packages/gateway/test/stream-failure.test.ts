import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI, { APIError } from 'openai';
import { expect, it } from 'vitest';
import { startGateway } from '../src/index.ts';
import { hello, startRig } from './fixtures.ts';

/** An OpenAI-compatible upstream whose stream sends two deltas, then an in-band error quoting both keys. */
async function failingUpstream() {
  const server = createServer((req, res) => {
    req.resume().on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (text: string) =>
        `data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"${text}"},"logprobs":null,"finish_reason":null}]}\n\n`;
      res.write(chunk('Hello'));
      res.write(chunk(' there'));
      res.end(
        'data: {"error":{"message":"The engine crashed while serving sk-upstream-secret for sk-client-secret.","type":"server_error"}}\n\n',
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      server.close();
    },
  };
}

it("ends a stream that fails upstream with an error frame carrying upstream_error and the upstream's message, keys redacted", async () => {
  await using upstream = await failingUpstream();
  await using gateway = await startGateway({
    upstreams: {
      u: { type: 'openai', baseURL: `${upstream.url}/v1`, apiKey: 'sk-upstream-secret' },
    },
    models: { m: 'u' },
    cache: false,
  });
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-client-secret', 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'm', messages: hello, stream: true }),
  });
  expect(response.status).toBe(200);
  const text = await response.text();
  const frames = text.split('\n\n').filter((f) => f !== '');
  const last = JSON.parse(frames.at(-1)!.slice('data: '.length)) as {
    error: Record<string, unknown>;
  };
  expect(last.error).toMatchObject({ type: 'upstream_error', code: 'upstream_error', param: null });
  expect(last.error.message).toContain('The engine crashed while serving');
  expect(text).not.toContain('sk-upstream-secret');
  expect(text).not.toContain('sk-client-secret');
  expect(text).toContain('"content":"Hello"');
  expect(text).not.toContain('[DONE]');
  // The official client raises the frame as an APIError after the deltas it already yielded.
  const client = new OpenAI({
    baseURL: `${gateway.url}/v1`,
    apiKey: 'sk-client-secret',
    maxRetries: 0,
  });
  let streamed = '';
  const error = await (async () => {
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: hello,
      stream: true,
    });
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? '';
  })().catch((e: unknown) => e);
  expect(streamed).toBe('Hello there');
  expect(error).toBeInstanceOf(APIError);
  expect((error as APIError).message).toContain('The engine crashed');
});

it('ends a stream cut by a reset or a truncation upstream with an upstream_error frame', async () => {
  for (const fault of ['reset', 'truncate', 'malformed'] as const) {
    await using rig = await startRig({
      sim: { fault, faultAfterTokens: 3 },
      config: { cache: false },
    });
    const response = await fetch(`${rig.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'sim-small', messages: hello, stream: true }),
    });
    const frames = (await response.text()).split('\n\n').filter((f) => f !== '');
    const last = JSON.parse(frames.at(-1)!.slice('data: '.length)) as {
      error: Record<string, unknown>;
    };
    expect(last.error, fault).toMatchObject({ code: 'upstream_error', type: 'upstream_error' });
  }
});
