import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator } from '@hotpath/simulator';
import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { startGateway } from '../src/index.ts';
import { hello } from './fixtures.ts';

it('serves Anthropic and Ollama upstreams to OpenAI clients, streaming and not', async () => {
  await using sim = await startSimulator();
  await using gateway = await startGateway({
    upstreams: {
      claude: { type: 'anthropic', baseURL: sim.url, apiKey: 'sk-ant-config' },
      local: { type: 'ollama', baseURL: sim.url },
    },
    models: {
      claude: { upstreams: [{ upstream: 'claude', model: 'sim-small' }] },
      llama: [{ upstream: 'local', model: 'sim-small' }],
    },
    cache: false,
  });
  const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-x', maxRetries: 0 });
  for (const model of ['claude', 'llama']) {
    const answer = await client.chat.completions.create({ model, messages: hello, max_tokens: 64 });
    let streamed = '';
    const stream = await client.chat.completions.create({
      model,
      messages: hello,
      max_tokens: 64,
      stream: true,
    });
    for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? '';
    expect(streamed).toBe(answer.choices[0]?.message.content);
  }
  expect(sim.stats().routes).toMatchObject({ 'anthropic.messages': 2, 'ollama.chat': 2 });
});

it("passes the client's key to an upstream without one, the configured key otherwise, and redacts it from relayed errors", async () => {
  const seen: IncomingHttpHeaders[] = [];
  const upstream = createServer((req, res) => {
    seen.push(req.headers);
    req.resume().on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.headers['x-refuse'] === 'yes') {
        res.statusCode = 401;
        const message = `Incorrect API key provided: ${req.headers.authorization?.slice(7)}`;
        res.end(JSON.stringify({ error: { message, type: 'invalid_request_error' } }));
        return;
      }
      res.end(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          created: 0,
          model: 'm',
          choices: [
            { index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' },
          ],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
  }).listen(0, '127.0.0.1');
  await once(upstream, 'listening');
  const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
  try {
    await using gateway = await startGateway({
      upstreams: {
        open: { type: 'openai', baseURL: base },
        keyed: { type: 'openai', baseURL: base, apiKey: 'sk-config-key-123' },
        refusing: { type: 'openai', baseURL: base, headers: { 'x-refuse': 'yes' } },
      },
      models: { open: 'open', keyed: 'keyed', refusing: 'refusing' },
      cache: false,
    });
    const client = new OpenAI({
      baseURL: `${gateway.url}/v1`,
      apiKey: 'sk-client-key-456',
      maxRetries: 0,
    });
    await client.chat.completions.create({ model: 'open', messages: hello });
    await client.chat.completions.create({ model: 'keyed', messages: hello });
    expect(seen.map((h) => h.authorization)).toEqual([
      'Bearer sk-client-key-456',
      'Bearer sk-config-key-123',
    ]);
    const refused = await client.chat.completions
      .create({ model: 'refusing', messages: hello })
      .catch((e: unknown) => e);
    expect((refused as { status: number }).status).toBe(401);
    expect(String((refused as Error).message)).toContain('Incorrect API key provided');
    expect(String((refused as Error).message)).not.toContain('client-key-456');
  } finally {
    upstream.close();
  }
});
