import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.ts';
import { chat, openAiChunks, parseNdjson, parseSse, post } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ responseTokens: 6 });
});
afterAll(() => sim.close());

const reasoning = { 'x-sim-reasoning-tokens': '4' };
const fn = (name: string) => ({
  type: 'function',
  function: { name, parameters: { type: 'object', properties: { q: { type: 'string' } } } },
});
const twoTools = [fn('search'), fn('fetch_page')];
const both = 'search the web, then fetch_page the best hit';

type Delta = {
  content?: string | null;
  reasoning_content?: string;
  tool_calls?: { index: number; id?: string; function: { name?: string; arguments: string } }[];
};

function deltas(text: string): Delta[] {
  return openAiChunks(text)
    .filter((c) => (c.choices as unknown[]).length > 0)
    .map((c) => (c.choices as { delta: Delta }[])[0]!.delta);
}

describe('reasoning tokens', () => {
  it('streams OpenAI reasoning_content before the content, and counts it in usage', async () => {
    const body = chat('think', { stream: true, stream_options: { include_usage: true } });
    const text = await (await post(sim.url, '/v1/chat/completions', body, reasoning)).text();
    const all = deltas(text);
    const kinds = all
      .slice(1)
      .map((d) => (d.reasoning_content !== undefined ? 'r' : d.content !== undefined ? 'c' : '-'));
    expect(kinds.join('')).toBe('rrrrcccccc-');
    const usage = openAiChunks(text).at(-1)!.usage as {
      completion_tokens: number;
      completion_tokens_details: { reasoning_tokens: number };
    };
    expect(usage.completion_tokens).toBe(10);
    expect(usage.completion_tokens_details.reasoning_tokens).toBe(4);
  });

  it('does not change the answer text', async () => {
    const plain = (await (await post(sim.url, '/v1/chat/completions', chat('think'))).json()) as {
      choices: { message: { content: string } }[];
    };
    const thought = (await (
      await post(sim.url, '/v1/chat/completions', chat('think'), reasoning)
    ).json()) as {
      choices: { message: { content: string; reasoning_content: string } }[];
    };
    expect(thought.choices[0]!.message.content).toBe(plain.choices[0]!.message.content);
    expect(thought.choices[0]!.message.reasoning_content.split(' ')).toHaveLength(4);
  });

  it('streams an Anthropic thinking block with a signature before the text block', async () => {
    const body = { ...chat('think', { stream: true }), max_tokens: 100 };
    const events = parseSse(await (await post(sim.url, '/v1/messages', body, reasoning)).text());
    const data = events.map((e) => JSON.parse(e.data));
    const starts = data
      .filter((d) => d.type === 'content_block_start')
      .map((d) => [d.index, d.content_block.type]);
    expect(starts).toEqual([
      [0, 'thinking'],
      [1, 'text'],
    ]);
    const kinds = data
      .filter((d) => d.type === 'content_block_delta')
      .map((d) => `${d.index}:${d.delta.type}`);
    expect(kinds).toEqual([
      ...Array<string>(4).fill('0:thinking_delta'),
      '0:signature_delta',
      ...Array<string>(6).fill('1:text_delta'),
    ]);
    const stops = data.filter((d) => d.type === 'content_block_stop').map((d) => d.index);
    expect(stops).toEqual([0, 1]);
  });

  it('caps reasoning and answer together with max_tokens', async () => {
    const body = { ...chat('think'), max_tokens: 3 };
    const message = (await (await post(sim.url, '/v1/messages', body, reasoning)).json()) as {
      content: { type: string }[];
      stop_reason: string;
    };
    expect(message.content.map((b) => b.type)).toEqual(['thinking']);
    expect(message.stop_reason).toBe('max_tokens');
  });

  it('sends Ollama reasoning in message.thinking', async () => {
    const lines = parseNdjson(
      await (await post(sim.url, '/api/chat', chat('think'), reasoning)).text(),
    );
    const thinking = lines.filter(
      (l) => (l.message as { thinking?: string }).thinking !== undefined,
    );
    expect(thinking).toHaveLength(4);
    const whole = (await (
      await post(sim.url, '/api/chat', chat('think', { stream: false }), reasoning)
    ).json()) as {
      message: { thinking: string; content: string };
    };
    expect(whole.message.thinking).toBe(
      thinking.map((l) => (l.message as { thinking: string }).thinking).join(''),
    );
  });
});

describe('parallel tool calls', () => {
  it('streams one OpenAI tool call after the other, each opened by a chunk with its id and name', async () => {
    const all = deltas(
      await (
        await post(sim.url, '/v1/chat/completions', chat(both, { stream: true, tools: twoTools }))
      ).text(),
    );
    const calls = new Map<number, { id: string; name: string; args: string }>();
    for (const delta of all) {
      for (const call of delta.tool_calls ?? []) {
        const entry = calls.get(call.index) ?? { id: '', name: '', args: '' };
        if (call.id) entry.id = call.id;
        if (call.function.name) entry.name = call.function.name;
        entry.args += call.function.arguments;
        calls.set(call.index, entry);
      }
    }
    expect([...calls.keys()]).toEqual([0, 1]);
    expect([...calls.values()].map((c) => c.name)).toEqual(['search', 'fetch_page']);
    expect(calls.get(0)!.id).not.toBe(calls.get(1)!.id);
    for (const call of calls.values()) expect(JSON.parse(call.args)).toHaveProperty('q');
  });

  it('returns both calls in non-streaming OpenAI, Anthropic and Ollama bodies', async () => {
    const openai = (await (
      await post(sim.url, '/v1/chat/completions', chat(both, { tools: twoTools }))
    ).json()) as {
      choices: { message: { tool_calls: { function: { name: string } }[] } }[];
    };
    expect(openai.choices[0]!.message.tool_calls.map((c) => c.function.name)).toEqual([
      'search',
      'fetch_page',
    ]);
    const anthropicTools = twoTools.map((t) => ({
      name: t.function.name,
      input_schema: t.function.parameters,
    }));
    const anthropic = (await (
      await post(sim.url, '/v1/messages', { ...chat(both), max_tokens: 500, tools: anthropicTools })
    ).json()) as {
      content: { type: string; name: string }[];
    };
    expect(anthropic.content.map((b) => [b.type, b.name])).toEqual([
      ['tool_use', 'search'],
      ['tool_use', 'fetch_page'],
    ]);
    const ollama = (await (
      await post(sim.url, '/api/chat', chat(both, { stream: false, tools: twoTools }))
    ).json()) as {
      message: { tool_calls: { function: { name: string } }[] };
    };
    expect(ollama.message.tool_calls.map((c) => c.function.name)).toEqual(['search', 'fetch_page']);
  });

  it('streams each Anthropic tool_use as its own block', async () => {
    const anthropicTools = twoTools.map((t) => ({
      name: t.function.name,
      input_schema: t.function.parameters,
    }));
    const body = { ...chat(both, { stream: true }), max_tokens: 500, tools: anthropicTools };
    const data = parseSse(await (await post(sim.url, '/v1/messages', body)).text()).map((e) =>
      JSON.parse(e.data),
    );
    const inputs = new Map<number, string>();
    for (const d of data.filter((x) => x.type === 'content_block_delta')) {
      inputs.set(d.index, (inputs.get(d.index) ?? '') + d.delta.partial_json);
    }
    expect([...inputs.keys()]).toEqual([0, 1]);
    for (const json of inputs.values()) expect(JSON.parse(json)).toHaveProperty('q');
    expect(data.at(-2).delta.stop_reason).toBe('tool_use');
  });
});
