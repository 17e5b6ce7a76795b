import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.ts';
import { parseSse, post } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ responseTokens: 10 });
});
afterAll(() => sim.close());

const headers = { 'anthropic-version': '2023-06-01', 'x-api-key': 'test' };
const ask = (content: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  model: 'claude-sim',
  max_tokens: 1024,
  messages: [{ role: 'user', content }],
  ...extra,
});
const tool = {
  name: 'lookup',
  description: 'Looks something up',
  input_schema: {
    type: 'object',
    properties: { query: { type: 'string' }, limit: { type: 'integer' } },
  },
};

describe('POST /v1/messages, streaming', () => {
  it('sends the named events in order with text deltas and final usage', async () => {
    const res = await post(sim.url, '/v1/messages', ask('hello', { stream: true }), headers);
    expect(res.status).toBe(200);
    expect(res.headers.get('anthropic-ratelimit-requests-remaining')).toMatch(/^\d+$/);
    const events = parseSse(await res.text());
    const names = events.map((e) => e.event);
    expect(names).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      ...Array<string>(10).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    for (const e of events) expect(JSON.parse(e.data).type).toBe(e.event);
    const start = JSON.parse(events[0]!.data) as {
      message: { id: string; usage: { input_tokens: number } };
    };
    expect(start.message.id).toMatch(/^msg_/);
    expect(start.message.usage.input_tokens).toBeGreaterThan(0);
    const deltas = events.slice(3, 13).map((e) => JSON.parse(e.data).delta);
    expect(deltas.every((d) => d.type === 'text_delta')).toBe(true);
    const messageDelta = JSON.parse(events.at(-2)!.data);
    expect(messageDelta).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 10 },
    });
  });

  it('streams tool_use with input_json_delta fragments that assemble into the input', async () => {
    const body = ask('please lookup cats', { stream: true, tools: [tool] });
    const events = parseSse(await (await post(sim.url, '/v1/messages', body, headers)).text());
    const block = JSON.parse(events[1]!.data).content_block;
    expect(block).toMatchObject({ type: 'tool_use', name: 'lookup', input: {} });
    expect(block.id).toMatch(/^toolu_/);
    const json = events
      .filter((e) => e.event === 'content_block_delta')
      .map((e) => JSON.parse(e.data).delta)
      .map((d: { type: string; partial_json: string }) => {
        expect(d.type).toBe('input_json_delta');
        return d.partial_json;
      })
      .join('');
    expect(Object.keys(JSON.parse(json))).toEqual(['query', 'limit']);
    expect(JSON.parse(events.at(-2)!.data).delta.stop_reason).toBe('tool_use');
  });
});

describe('POST /v1/messages, non-streaming', () => {
  it('returns a message with the same text as the stream', async () => {
    const events = parseSse(
      await (await post(sim.url, '/v1/messages', ask('same', { stream: true }), headers)).text(),
    );
    const streamed = events
      .filter((e) => e.event === 'content_block_delta')
      .map((e) => JSON.parse(e.data).delta.text)
      .join('');
    const res = await post(sim.url, '/v1/messages', ask('same'), headers);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: streamed }],
      stop_reason: 'end_turn',
      usage: { output_tokens: 10 },
    });
  });

  it('stops at max_tokens with stop_reason max_tokens', async () => {
    const body = (await (
      await post(sim.url, '/v1/messages', ask('cap', { max_tokens: 4 }), headers)
    ).json()) as {
      stop_reason: string;
      usage: { output_tokens: number };
    };
    expect(body.stop_reason).toBe('max_tokens');
    expect(body.usage.output_tokens).toBe(4);
  });

  it('returns a tool_use block for tool_choice any', async () => {
    const body = ask('anything', { tools: [tool], tool_choice: { type: 'any' } });
    const message = (await (await post(sim.url, '/v1/messages', body, headers)).json()) as {
      content: { type: string; name: string; input: Record<string, unknown> }[];
      stop_reason: string;
    };
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content[0]).toMatchObject({ type: 'tool_use', name: 'lookup' });
    expect(message.content[0]!.input).toHaveProperty('query');
  });

  it('rejects a body without max_tokens with a 400 invalid_request_error', async () => {
    const res = await post(
      sim.url,
      '/v1/messages',
      { model: 'claude-sim', messages: [{ role: 'user', content: 'x' }] },
      headers,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
    });
  });
});
