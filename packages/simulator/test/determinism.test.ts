import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.ts';
import { chat, openAiText, parseNdjson, parseSse, post } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

async function answer(
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<string> {
  const res = await post(sim.url, '/v1/chat/completions', body, headers);
  return ((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message
    .content;
}

describe('deterministic content', () => {
  it('gives the same answer to the same request and seed, on any simulator', async () => {
    const first = await answer(chat('tell me a story', { seed: 42 }));
    expect(await answer(chat('tell me a story', { seed: 42 }))).toBe(first);
    await using other = await startSimulator();
    const res = await post(
      other.url,
      '/v1/chat/completions',
      chat('tell me a story', { seed: 42 }),
    );
    expect(
      ((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message
        .content,
    ).toBe(first);
  });

  it('changes the answer with the seed, the messages, or the x-sim-seed header', async () => {
    const base = await answer(chat('tell me a story', { seed: 42 }));
    expect(await answer(chat('tell me a story', { seed: 43 }))).not.toBe(base);
    expect(await answer(chat('tell me a poem', { seed: 42 }))).not.toBe(base);
    expect(await answer(chat('tell me a story', { seed: 42 }), { 'x-sim-seed': '9' })).not.toBe(
      base,
    );
    expect(await answer(chat('tell me a story'), { 'x-sim-seed': '42' })).toBe(base);
  });

  it('uses the server seed when the request has none', async () => {
    await using seeded = await startSimulator({ seed: 42 });
    const res = await post(seeded.url, '/v1/chat/completions', chat('tell me a story'));
    const text = ((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]!
      .message.content;
    expect(text).toBe(await answer(chat('tell me a story', { seed: 42 })));
  });

  it('gives the same text in all three formats for the same conversation', async () => {
    const body = chat('one conversation', { stream: true });
    const openai = openAiText(await (await post(sim.url, '/v1/chat/completions', body)).text());
    const anthropic = parseSse(
      await (await post(sim.url, '/v1/messages', { ...body, max_tokens: 100 })).text(),
    )
      .filter((e) => e.event === 'content_block_delta')
      .map((e) => JSON.parse(e.data).delta.text)
      .join('');
    const ollama = parseNdjson(await (await post(sim.url, '/api/chat', body)).text())
      .map((line) => (line.message as { content: string }).content)
      .join('');
    expect(anthropic).toBe(openai);
    expect(ollama).toBe(openai);
  });

  it('sets the answer length with x-sim-response-tokens', async () => {
    const text = await answer(chat('short'), { 'x-sim-response-tokens': '3' });
    expect(text.split(' ')).toHaveLength(3);
    expect(text.endsWith('.')).toBe(true);
  });
});
