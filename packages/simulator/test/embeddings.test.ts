import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index.ts';
import { post } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

type Embeddings = {
  object: string;
  data: { object: string; index: number; embedding: number[] | string }[];
  usage: { prompt_tokens: number };
};

async function embed(
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<Embeddings> {
  const res = await post(sim.url, '/v1/embeddings', { model: 'sim-embed', ...body }, headers);
  expect(res.status).toBe(200);
  return (await res.json()) as Embeddings;
}

const cosine = (a: number[], b: number[]): number => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

describe('POST /v1/embeddings', () => {
  it('returns one normalised float vector per input, 1536 long by default', async () => {
    const body = await embed({ input: ['a cat', 'a dog'] });
    expect(body.object).toBe('list');
    expect(body.data.map((d) => [d.object, d.index])).toEqual([
      ['embedding', 0],
      ['embedding', 1],
    ]);
    for (const { embedding } of body.data) {
      expect(embedding).toHaveLength(1536);
      expect(Math.hypot(...(embedding as number[]))).toBeCloseTo(1, 9);
    }
    expect(body.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('is deterministic per text, model and seed, and similar for texts sharing words', async () => {
    const [a, b] = (
      await embed({ input: ['the quick brown fox', 'the quick brown fox'], dimensions: 64 })
    ).data;
    expect(a!.embedding).toEqual(b!.embedding);
    const again = (await embed({ input: 'the quick brown fox', dimensions: 64 })).data[0]!;
    expect(again.embedding).toEqual(a!.embedding);
    const reseeded = (
      await embed({ input: 'the quick brown fox', dimensions: 64 }, { 'x-sim-seed': '7' })
    ).data[0]!;
    expect(reseeded.embedding).not.toEqual(a!.embedding);
    const near = (await embed({ input: 'the quick brown cat', dimensions: 64 })).data[0]!;
    const far = (await embed({ input: 'zebra umbrella', dimensions: 64 })).data[0]!;
    const base = a!.embedding as number[];
    expect(cosine(base, near.embedding as number[])).toBeGreaterThan(
      cosine(base, far.embedding as number[]),
    );
  });

  it('encodes little-endian float32 base64 when encoding_format is base64', async () => {
    const floats = (await embed({ input: 'hello', dimensions: 8 })).data[0]!.embedding as number[];
    const encoded = (await embed({ input: 'hello', dimensions: 8, encoding_format: 'base64' }))
      .data[0]!.embedding as string;
    const bytes = Buffer.from(encoded, 'base64');
    expect(bytes.length).toBe(32);
    const decoded = Array.from({ length: 8 }, (_, i) => bytes.readFloatLE(i * 4));
    for (const [i, value] of decoded.entries()) expect(value).toBeCloseTo(floats[i]!, 6);
  });

  it('rejects a missing input and an unknown encoding_format with 400', async () => {
    for (const body of [
      { model: 'sim-embed' },
      { model: 'sim-embed', input: 'x', encoding_format: 'hex' },
    ]) {
      const res = await post(sim.url, '/v1/embeddings', body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { type: string } }).error.type).toBe(
        'invalid_request_error',
      );
    }
  });
});
