import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.ts';
import { chat, openAiChunks, openAiText, parseSse, post } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ responseTokens: 12 });
});
afterAll(() => sim.close());

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string' },
        days: { type: 'integer' },
        unit: { enum: ['c', 'f'] },
      },
      required: ['city'],
    },
  },
};

describe('POST /v1/chat/completions, streaming', () => {
  it('sends a role chunk, content deltas, a finish chunk and [DONE]', async () => {
    const res = await post(sim.url, '/v1/chat/completions', chat('hello', { stream: true }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await res.text();
    const events = parseSse(text);
    expect(events.at(-1)!.data).toBe('[DONE]');
    const chunks = openAiChunks(text);
    expect(chunks).toHaveLength(1 + 12 + 1);
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        object: 'chat.completion.chunk',
        model: 'sim-small',
        id: chunks[0]!.id,
      });
      expect(chunk).not.toHaveProperty('usage');
    }
    expect(chunks[0]!.choices).toEqual([
      {
        index: 0,
        delta: { role: 'assistant', content: '', refusal: null },
        logprobs: null,
        finish_reason: null,
      },
    ]);
    expect(chunks.at(-1)!.choices).toEqual([
      { index: 0, delta: {}, logprobs: null, finish_reason: 'stop' },
    ]);
    expect(openAiText(text).split(' ')).toHaveLength(12);
  });

  it('ends with a usage chunk with empty choices when stream_options.include_usage is set', async () => {
    const body = chat('hello', { stream: true, stream_options: { include_usage: true } });
    const chunks = openAiChunks(await (await post(sim.url, '/v1/chat/completions', body)).text());
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ completion_tokens: 12 });
    const usage = last.usage as { prompt_tokens: number; total_tokens: number };
    expect(usage.total_tokens).toBe(usage.prompt_tokens + 12);
  });

  it('streams the same text the non-streaming response returns', async () => {
    const streamed = openAiText(
      await (await post(sim.url, '/v1/chat/completions', chat('same', { stream: true }))).text(),
    );
    const whole = (await (await post(sim.url, '/v1/chat/completions', chat('same'))).json()) as {
      choices: { message: { content: string } }[];
    };
    expect(whole.choices[0]!.message.content).toBe(streamed);
  });

  it('stops at max_tokens with finish_reason length, sending a prefix of the full answer', async () => {
    const full = openAiText(
      await (await post(sim.url, '/v1/chat/completions', chat('cap', { stream: true }))).text(),
    );
    const text = await (
      await post(sim.url, '/v1/chat/completions', chat('cap', { stream: true, max_tokens: 5 }))
    ).text();
    const chunks = openAiChunks(text);
    expect(chunks).toHaveLength(1 + 5 + 1);
    expect((chunks.at(-1)!.choices as { finish_reason: string }[])[0]!.finish_reason).toBe(
      'length',
    );
    expect(full.startsWith(openAiText(text))).toBe(true);
  });

  it('streams tool-call deltas when the user mentions a tool', async () => {
    const body = chat('what does get_weather say for Paris?', {
      stream: true,
      tools: [weatherTool],
    });
    const chunks = openAiChunks(await (await post(sim.url, '/v1/chat/completions', body)).text());
    type Choice = {
      delta: {
        tool_calls?: {
          index: number;
          id?: string;
          function: { name?: string; arguments: string };
        }[];
      };
      finish_reason: string | null;
    };
    const choices = chunks.map((chunk) => (chunk.choices as Choice[])[0]!);
    const first = choices[0]!.delta.tool_calls![0]!;
    expect(first).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    expect(first.id).toMatch(/^call_/);
    const args = choices
      .slice(1, -1)
      .map((choice) => choice.delta.tool_calls![0]!.function.arguments)
      .join('');
    const parsed = JSON.parse(args) as { city: string; days: number; unit: string };
    expect(typeof parsed.city).toBe('string');
    expect(Number.isInteger(parsed.days)).toBe(true);
    expect(['c', 'f']).toContain(parsed.unit);
    expect(choices.at(-1)!.finish_reason).toBe('tool_calls');
  });
});

describe('POST /v1/chat/completions, non-streaming', () => {
  it('returns a chat.completion with usage and finish_reason stop', async () => {
    const res = await post(sim.url, '/v1/chat/completions', chat('hello'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'sim-small',
      choices: [{ index: 0, message: { role: 'assistant' }, finish_reason: 'stop' }],
      usage: { completion_tokens: 12 },
    });
    expect(body.id).toMatch(/^chatcmpl-/);
  });

  it('returns a tool call for tool_choice required, and text for tool_choice none', async () => {
    const required = chat('anything', { tools: [weatherTool], tool_choice: 'required' });
    const body = (await (await post(sim.url, '/v1/chat/completions', required)).json()) as {
      choices: {
        message: { content: null; tool_calls: { function: { name: string; arguments: string } }[] };
        finish_reason: string;
      }[];
    };
    const choice = body.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls[0]!.function.name).toBe('get_weather');
    expect(JSON.parse(choice.message.tool_calls[0]!.function.arguments)).toHaveProperty('city');
    const none = chat('call get_weather', { tools: [weatherTool], tool_choice: 'none' });
    const text = (await (await post(sim.url, '/v1/chat/completions', none)).json()) as {
      choices: { finish_reason: string }[];
    };
    expect(text.choices[0]!.finish_reason).toBe('stop');
  });

  it('answers with text after a tool result under tool_choice auto', async () => {
    const body = {
      model: 'sim-small',
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'use get_weather' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      ],
    };
    const res = (await (await post(sim.url, '/v1/chat/completions', body)).json()) as {
      choices: { finish_reason: string }[];
    };
    expect(res.choices[0]!.finish_reason).toBe('stop');
  });
});

describe('GET /v1/models', () => {
  it('lists the configured models in OpenAI shape, and in Anthropic shape with anthropic-version', async () => {
    const openai = (await (await fetch(`${sim.url}/v1/models`)).json()) as {
      object: string;
      data: { id: string }[];
    };
    expect(openai.object).toBe('list');
    expect(openai.data.map((m) => m.id)).toEqual(['sim-small', 'sim-large', 'sim-embed']);
    const res = await fetch(`${sim.url}/v1/models`, {
      headers: { 'anthropic-version': '2023-06-01' },
    });
    const anthropic = (await res.json()) as { data: { type: string }[]; has_more: boolean };
    expect(anthropic.has_more).toBe(false);
    expect(anthropic.data[0]!.type).toBe('model');
  });
});
