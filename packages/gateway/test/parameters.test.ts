import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator } from '@hotpath/simulator';
import OpenAI, { APIError } from 'openai';
import { expect, it } from 'vitest';
import { startGateway } from '../src/index.ts';
import { hello } from './fixtures.ts';

/** An OpenAI-compatible upstream that records every body it gets and answers a fixed completion. */
async function recordingUpstream() {
  const bodies: Record<string, unknown>[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8').on('data', (c: string) => (text += c));
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'c1',
          model: 'm',
          choices: [
            { index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' },
          ],
          usage: { prompt_tokens: 1, completion_tokens: 1 },
        }),
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    bodies,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      server.close();
    },
  };
}

async function errorOf(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(APIError);
  return error as APIError;
}

it('passes every parameter an OpenAI-compatible upstream takes, and caches per parameter', async () => {
  await using upstream = await recordingUpstream();
  await using gateway = await startGateway({
    upstreams: { u: { type: 'openai', baseURL: `${upstream.url}/v1` } },
    models: { m: 'u' },
    cache: { path: ':memory:' },
  });
  const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'k', maxRetries: 0 });
  const params = {
    temperature: 0,
    presence_penalty: 0.5,
    frequency_penalty: 0.25,
    logit_bias: { '42': -100 },
    parallel_tool_calls: false,
    reasoning_effort: 'low',
    verbosity: 'low',
    service_tier: 'flex',
    store: true,
    metadata: { team: 'a' },
    prediction: { type: 'content', content: 'ok' },
    prompt_cache_key: 'pk',
    safety_identifier: 'sid',
    user: 'end-user',
    tools: [
      { type: 'function', function: { name: 'f', parameters: { type: 'object' }, strict: true } },
    ],
  };
  // The SDK's types lag the API (and know no vLLM extensions): send the body as it is.
  const create = (extra: object = {}) =>
    client.chat.completions.create({ model: 'm', messages: hello, ...params, ...extra } as never);
  await create();
  expect(upstream.bodies[0]).toMatchObject(params);
  // The same request but for one pass-through parameter is not the cached one.
  await create({ reasoning_effort: 'high' });
  await create();
  expect(upstream.bodies).toHaveLength(2);
  expect(upstream.bodies[1]).toMatchObject({ reasoning_effort: 'high' });
});

it('refuses, with a 400 naming it, a parameter an Anthropic or Ollama upstream has no counterpart for', async () => {
  await using sim = await startSimulator();
  await using gateway = await startGateway({
    upstreams: {
      claude: { type: 'anthropic', baseURL: sim.url, apiKey: 'a' },
      local: { type: 'ollama', baseURL: sim.url },
    },
    models: {
      claude: [{ upstream: 'claude', model: 'sim-small' }],
      llama: [{ upstream: 'local', model: 'sim-small' }],
    },
    cache: false,
  });
  const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'k', maxRetries: 0 });
  const cases = [
    ['claude', { seed: 1 }, 'seed'],
    ['claude', { presence_penalty: 1 }, 'presence_penalty'],
    ['claude', { response_format: { type: 'json_object' } }, 'response_format'],
    ['claude', { reasoning_effort: 'low' }, 'reasoning_effort'],
    [
      'llama',
      { tool_choice: 'required', tools: [{ type: 'function', function: { name: 'f' } }] },
      'tool_choice',
    ],
    ['llama', { user: 'u' }, 'user'],
    ['llama', { logit_bias: { '1': 1 } }, 'logit_bias'],
  ] as const;
  for (const [model, extra, param] of cases) {
    const error = await errorOf(
      client.chat.completions.create({ model, messages: hello, ...extra } as never),
    );
    expect([model, error.status, error.param, error.code]).toEqual([
      model,
      400,
      param,
      'unsupported_parameter',
    ]);
  }
  expect(sim.stats().requests).toBe(0);
  // What they do take goes through: penalties to Ollama, the user id to Anthropic.
  await client.chat.completions.create({ model: 'llama', messages: hello, presence_penalty: 1 });
  await client.chat.completions.create({ model: 'claude', messages: hello, user: 'u' });
  expect(sim.stats().routes).toMatchObject({ 'ollama.chat': 1, 'anthropic.messages': 1 });
});

it('maps parallel_tool_calls: false to Anthropic as tool_choice.disable_parallel_tool_use, and refuses it for Ollama', async () => {
  await using sim = await startSimulator();
  await using gateway = await startGateway({
    upstreams: {
      claude: { type: 'anthropic', baseURL: sim.url, apiKey: 'a' },
      local: { type: 'ollama', baseURL: sim.url },
    },
    models: {
      claude: [{ upstream: 'claude', model: 'sim-small' }],
      llama: [{ upstream: 'local', model: 'sim-small' }],
    },
    cache: false,
  });
  const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'k', maxRetries: 0 });
  const tools = [
    { type: 'function' as const, function: { name: 'f', parameters: { type: 'object' } } },
  ];
  const extra = { tools, tool_choice: 'required' as const, parallel_tool_calls: false };
  await client.chat.completions.create({ model: 'claude', messages: hello, ...extra });
  expect(sim.requests.at(-1)?.body).toMatchObject({
    tool_choice: { type: 'any', disable_parallel_tool_use: true },
  });
  const error = await errorOf(
    client.chat.completions.create({
      model: 'llama',
      messages: hello,
      tools,
      parallel_tool_calls: false,
    }),
  );
  expect([error.status, error.param, error.code]).toEqual([
    400,
    'parallel_tool_calls',
    'unsupported_parameter',
  ]);
  await client.chat.completions.create({
    model: 'llama',
    messages: hello,
    tools,
    parallel_tool_calls: true,
  });
  expect(sim.stats().routes).toMatchObject({ 'anthropic.messages': 1, 'ollama.chat': 1 });
});

it('refuses n > 1 and logprobs on every upstream, naming them', async () => {
  await using sim = await startSimulator();
  await using gateway = await startGateway({
    upstreams: { sim: { type: 'openai', baseURL: `${sim.url}/v1` } },
    models: { 'sim-small': 'sim' },
    cache: false,
  });
  const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'k', maxRetries: 0 });
  for (const [extra, param] of [
    [{ n: 3 }, 'n'],
    [{ logprobs: true, top_logprobs: 2 }, 'logprobs'],
  ] as const) {
    const error = await errorOf(
      client.chat.completions.create({ model: 'sim-small', messages: hello, ...extra }),
    );
    expect([error.status, error.param, error.code]).toEqual([400, param, 'unsupported_parameter']);
  }
  const one = await client.chat.completions.create({
    model: 'sim-small',
    messages: hello,
    n: 1,
    logprobs: false,
  });
  expect(one.choices).toHaveLength(1);
});
