import { startSimulator } from '@hotpath/simulator';
import OpenAI, { BadRequestError } from 'openai';
import { expect, it } from 'vitest';
import { startGateway } from '../src/index.ts';

const named = (name: string) => [
  { role: 'system' as const, content: 'You are one of two agents.', name: 'director' },
  { role: 'user' as const, content: 'Who speaks?', name },
  { role: 'assistant' as const, content: 'The planner.', name: 'planner' },
  { role: 'user' as const, content: 'And now?', name },
];

it('passes message names (multi-agent chats) to OpenAI upstreams, keys the cache by them, and refuses them for Anthropic by name', async () => {
  await using sim = await startSimulator({ responseTokens: 4 });
  await using gateway = await startGateway({
    upstreams: {
      o: { type: 'openai', baseURL: `${sim.url}/v1` },
      a: { type: 'anthropic', baseURL: sim.url, apiKey: 'sk-ant-test' },
    },
    models: { 'sim-small': 'o', claude: [{ upstream: 'a', model: 'sim-large' }] },
    cache: { path: ':memory:' },
  });
  const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-names', maxRetries: 0 });
  for (const stream of [false, true]) {
    sim.clearRequests();
    for (const name of ['alice', 'bob']) {
      const body = { model: 'sim-small', temperature: 0, messages: named(name) };
      if (stream) for await (const _ of await client.chat.completions.create({ ...body, stream }));
      else await client.chat.completions.create(body);
    }
    // Two calls that differ only in a name both went upstream, each with its names.
    const sent = sim.requests.map((r) => (r.body as { messages: { name?: string }[] }).messages);
    expect(sent.map((messages) => messages.map((m) => m.name))).toEqual([
      ['director', 'alice', 'planner', 'alice'],
      ['director', 'bob', 'planner', 'bob'],
    ]);
  }
  const refused = await client.chat.completions
    .create({ model: 'claude', messages: named('alice') })
    .catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(BadRequestError);
  expect((refused as BadRequestError).param).toBe('messages[0].name');
  expect((refused as BadRequestError).code).toBe('unsupported_parameter');
});
