import { APIError, NotFoundError } from 'openai';
import { describe, expect, it } from 'vitest';
import { hello, startRig } from './fixtures.ts';

describe('the official openai client against the gateway', () => {
  it('completes a chat without streaming', async () => {
    await using rig = await startRig();
    const answer = await rig.client.chat.completions.create({
      model: 'sim-small',
      messages: hello,
    });
    expect(answer.object).toBe('chat.completion');
    expect(answer.choices[0]?.message.role).toBe('assistant');
    expect(answer.choices[0]?.message.content?.split(' ').length).toBe(32);
    expect(answer.choices[0]?.finish_reason).toBe('stop');
    expect(answer.usage?.completion_tokens).toBe(32);
    expect(rig.sim.stats().routes['openai.chat']).toBe(1);
  });

  it('streams a chat as OpenAI chunks, with usage when asked, ending in [DONE]', async () => {
    await using rig = await startRig();
    const direct = await rig.client.chat.completions.create({
      model: 'sim-small',
      messages: hello,
    });
    const stream = await rig.client.chat.completions.create({
      model: 'sim-small',
      messages: hello,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    const finishes: string[] = [];
    let usage: number | undefined;
    for await (const chunk of stream) {
      expect(chunk.object).toBe('chat.completion.chunk');
      text += chunk.choices[0]?.delta.content ?? '';
      const finish = chunk.choices[0]?.finish_reason;
      if (finish) finishes.push(finish);
      if (chunk.usage) usage = chunk.usage.completion_tokens;
    }
    expect(text).toBe(direct.choices[0]?.message.content);
    expect(finishes).toEqual(['stop']);
    expect(usage).toBe(32);
  });

  it('embeds with base64 (the SDK default) and float encodings', async () => {
    await using rig = await startRig();
    const base64 = await rig.client.embeddings.create({ model: 'sim-embed', input: ['a b', 'c'] });
    const floats = await rig.client.embeddings.create({
      model: 'sim-embed',
      input: 'a b',
      encoding_format: 'float',
      dimensions: 8,
    });
    expect(base64.data.map((d) => d.index)).toEqual([0, 1]);
    expect(base64.data[0]?.embedding).toHaveLength(1536);
    expect(floats.data[0]?.embedding).toHaveLength(8);
    const norm = Math.hypot(...(base64.data[0]?.embedding ?? []));
    expect(norm).toBeCloseTo(1, 4);
  });

  it('lists the configured models', async () => {
    await using rig = await startRig();
    const ids: string[] = [];
    for await (const model of rig.client.models.list()) ids.push(model.id);
    expect(ids).toEqual(['sim-small', 'sim-embed']);
  });

  it('surfaces an unknown model as the SDK NotFoundError (404, model_not_found)', async () => {
    await using rig = await startRig();
    const error = await rig.client.chat.completions
      .create({ model: 'nope', messages: hello })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).status).toBe(404);
    expect((error as NotFoundError).code).toBe('model_not_found');
    expect((error as NotFoundError).param).toBe('model');
  });

  it('surfaces a bad field as a 400 naming it', async () => {
    await using rig = await startRig();
    const error = await rig.client.chat.completions
      .create({ model: 'sim-small', messages: hello, temperature: 'hot' as unknown as number })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(400);
    expect((error as APIError).param).toBe('temperature');
  });

  it('passes an upstream 429 through as a 429 with retry-after', async () => {
    await using rig = await startRig({
      sim: { fault: '429', retryAfterMs: 30_000 },
      config: { retries: 0 },
    });
    const error = await rig.client.chat.completions
      .create({ model: 'sim-small', messages: hello })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(429);
    expect((error as APIError).headers?.get('retry-after')).toBe('30');
  });

  it('answers 502 when the upstream fails and 503 when it is overloaded', async () => {
    await using failing = await startRig({ sim: { fault: '500' } });
    const bad = await failing.client.chat.completions
      .create({ model: 'sim-small', messages: hello })
      .catch((e: unknown) => e);
    expect((bad as APIError).status).toBe(502);
    await using overloaded = await startRig({ sim: { fault: '503' } });
    const busy = await overloaded.client.chat.completions
      .create({ model: 'sim-small', messages: hello })
      .catch((e: unknown) => e);
    expect((busy as APIError).status).toBe(503);
  });

  it('reports a failure before the first streamed token with its real status', async () => {
    await using rig = await startRig({ sim: { fault: '500' } });
    const error = await rig.client.chat.completions
      .create({ model: 'sim-small', messages: hello, stream: true })
      .catch((e: unknown) => e);
    expect((error as APIError).status).toBe(502);
  });
});
