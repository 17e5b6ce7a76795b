import { join } from 'node:path';
import { batchPlugin } from '@hotpath/plugin-batch';
import { cachePlugin } from '@hotpath/plugin-cache';
import type { EmbeddingResult } from '@hotpath/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFullHost } from '../src/index.ts';
import { tempDir } from './helpers.ts';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('hotpath-integration-embed-');
});
afterEach(() => dir.remove());

const vectors = (result: EmbeddingResult): number[][] =>
  result.embeddings.map((vector) => Array.from(vector));

describe('full host: embeddings through the cache and the batcher', () => {
  it('batches concurrent embed calls into one upstream request of the distinct texts, then answers from the cache', async () => {
    await using t = await startFullHost({
      plugins: [batchPlugin(), cachePlugin({ sqlitePath: join(dir.path, 'cache.sqlite') })],
      record: true,
    });
    const inputs = [['alpha', 'beta'], ['gamma'], ['beta', 'delta'], ['alpha']];
    const first = await Promise.all(
      inputs.map((input) => t.host.embed({ model: 'sim-embed', input })),
    );
    expect(t.recorded).toHaveLength(1);
    const sent = (t.recorded[0]!.body as { input: string[] }).input;
    expect([...sent].sort()).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    const again = await Promise.all(
      inputs.map((input) => t.host.embed({ model: 'sim-embed', input })),
    );
    expect(again.map(vectors)).toEqual(first.map(vectors));
    expect(t.sim.stats().routes['openai.embeddings']).toBe(1);
    expect(vectors(first[0]!)[1]).toEqual(vectors(first[2]!)[0]);
  });
});
