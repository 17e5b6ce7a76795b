import { createCache, EmbeddingCache } from '@hotpath/cache';
import type { EmbeddingRequest } from '@hotpath/protocol';
import { expect, it } from 'vitest';

const unit = () => new Float32Array([3, 4, 0, 0]);

it('a caller that normalises its vector in place never changes what later hits return', async () => {
  await using cache = await createCache();
  const embeddings = new EmbeddingCache({ cache });
  const call = async (request: EmbeddingRequest) => ({
    model: request.model,
    embeddings: request.input.map(unit),
    usage: { inputTokens: 1 },
  });
  const request = { model: 'emb', dimensions: 4, input: ['a', 'a'] };
  const first = await embeddings.embed(request, call);
  for (const vector of first.embeddings) for (let i = 0; i < vector.length; i++) vector[i]! /= 5;
  const hit = await embeddings.embed(request, call);
  expect(hit.cached).toBe(2);
  expect(hit.embeddings).toEqual([unit(), unit()]);
  for (const vector of hit.embeddings) vector.fill(0);
  expect(await embeddings.getMany(['a'], { model: 'emb', dimensions: 4 })).toEqual([unit()]);
  // The two answers for one repeated text are two vectors, not one shared by both positions.
  const twice = await embeddings.embed(request, call);
  expect(twice.embeddings[0]).not.toBe(twice.embeddings[1]);
});
