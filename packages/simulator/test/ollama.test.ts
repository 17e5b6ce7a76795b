import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.ts';
import { chat, parseNdjson, post } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ responseTokens: 8, embeddingDimensions: 16 });
});
afterAll(() => sim.close());

describe('POST /api/chat', () => {
  it('streams NDJSON by default, ending with a done line with counts', async () => {
    const res = await post(sim.url, '/api/chat', chat('hello'));
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = parseNdjson(await res.text());
    expect(lines).toHaveLength(9);
    for (const line of lines.slice(0, -1)) {
      expect(line).toMatchObject({
        model: 'sim-small',
        done: false,
        message: { role: 'assistant' },
      });
    }
    expect(lines.at(-1)).toMatchObject({
      done: true,
      done_reason: 'stop',
      eval_count: 8,
      message: { content: '' },
    });
    const whole = (await (
      await post(sim.url, '/api/chat', chat('hello', { stream: false }))
    ).json()) as {
      message: { content: string };
      done: boolean;
    };
    expect(whole.done).toBe(true);
    expect(whole.message.content).toBe(
      lines.map((l) => (l.message as { content: string }).content).join(''),
    );
  });

  it('honours options.num_predict with done_reason length', async () => {
    const body = (await (
      await post(sim.url, '/api/chat', chat('cap', { stream: false, options: { num_predict: 3 } }))
    ).json()) as {
      done_reason: string;
      eval_count: number;
    };
    expect(body).toMatchObject({ done_reason: 'length', eval_count: 3 });
  });

  it('returns a whole tool call with object arguments', async () => {
    const tools = [
      {
        type: 'function',
        function: {
          name: 'add',
          parameters: {
            type: 'object',
            properties: { a: { type: 'number' }, b: { type: 'number' } },
          },
        },
      },
    ];
    const lines = parseNdjson(
      await (await post(sim.url, '/api/chat', chat('add 1 and 2', { tools }))).text(),
    );
    expect(lines).toHaveLength(2);
    const call = (
      lines[0]!.message as {
        tool_calls: { function: { name: string; arguments: Record<string, number> } }[];
      }
    ).tool_calls[0]!;
    expect(call.function.name).toBe('add');
    expect(typeof call.function.arguments.a).toBe('number');
    expect(lines[1]).toMatchObject({ done: true });
  });
});

describe('POST /api/embed and GET /api/tags', () => {
  it('embeds each input into a unit vector', async () => {
    const res = await post(sim.url, '/api/embed', { model: 'sim-embed', input: ['one', 'two'] });
    const body = (await res.json()) as {
      model: string;
      embeddings: number[][];
      prompt_eval_count: number;
    };
    expect(body.embeddings).toHaveLength(2);
    for (const vector of body.embeddings) {
      expect(vector).toHaveLength(16);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 9);
    }
    expect(body.embeddings[0]).not.toEqual(body.embeddings[1]);
  });

  it('lists the models', async () => {
    const body = (await (await fetch(`${sim.url}/api/tags`)).json()) as {
      models: { name: string }[];
    };
    expect(body.models.map((m) => m.name)).toEqual(['sim-small', 'sim-large', 'sim-embed']);
  });
});
