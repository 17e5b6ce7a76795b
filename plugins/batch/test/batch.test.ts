import { createTestHost } from '@hotpath/host-testing';
import type { EmbeddingRequest, EmbeddingResult } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import { BatchPluginArgumentError, batchPlugin } from '../src/index.ts';

/** Caller `i` embeds 1–3 distinct texts. */
function callerRequests(callers: number): EmbeddingRequest[] {
  return Array.from({ length: callers }, (_, i) => ({
    model: 'sim-embed',
    input: Array.from(
      { length: (i % 3) + 1 },
      (_, j) => `caller ${i} text ${j} about topic ${i * 7 + j}`,
    ),
  }));
}

const vectors = (result: EmbeddingResult): number[][] =>
  result.embeddings.map((vector) => Array.from(vector));

describe('batchPlugin', () => {
  it('sends 20 concurrent embed calls as one upstream request, each caller getting its own vectors in order', async () => {
    await using t = await createTestHost({ plugins: [batchPlugin()] });
    const requests = callerRequests(20);
    const results = await Promise.all(requests.map((request) => t.host.embed(request)));
    expect(t.sim.stats().routes['openai.embeddings']).toBe(1);
    for (const [i, request] of requests.entries()) {
      const alone = await t.provider.embed(request);
      expect(results[i]?.embeddings).toHaveLength(request.input.length);
      expect(vectors(results[i] as EmbeddingResult)).toEqual(vectors(alone));
      expect(results[i]?.model).toBe(alone.model);
    }
    expect(t.sim.stats().routes['openai.embeddings']).toBe(1 + requests.length);
    const usage = results.reduce((sum, result) => sum + result.usage.inputTokens, 0);
    expect(usage).toBeGreaterThan(0);
  });

  it('splits into ceil(n / maxBatchSize) upstream requests', async () => {
    await using t = await createTestHost({ plugins: [batchPlugin({ maxBatchSize: 8 })] });
    const requests = callerRequests(20);
    const texts = requests.reduce((sum, request) => sum + request.input.length, 0);
    const results = await Promise.all(requests.map((request) => t.host.embed(request)));
    expect(t.sim.stats().routes['openai.embeddings']).toBe(Math.ceil(texts / 8));
    for (const [i, request] of requests.entries()) {
      expect(vectors(results[i] as EmbeddingResult)).toEqual(
        vectors(await t.provider.embed(request)),
      );
    }
  });

  it('keeps different models and dimensions in separate batches', async () => {
    await using t = await createTestHost({
      plugins: [batchPlugin()],
      simulator: { models: ['sim-embed', 'sim-embed-2'] },
    });
    const results = await Promise.all([
      t.host.embed({ model: 'sim-embed', input: ['a', 'b'] }),
      t.host.embed({ model: 'sim-embed-2', input: ['a'] }),
      t.host.embed({ model: 'sim-embed', input: ['c'], dimensions: 8 }),
      t.host.embed({ model: 'sim-embed', input: ['d'] }),
    ]);
    expect(t.sim.stats().routes['openai.embeddings']).toBe(3);
    expect(results[2]?.embeddings[0]).toHaveLength(8);
    expect(results.map((result) => result.embeddings.length)).toEqual([2, 1, 1, 1]);
  });

  it('fails every caller of a batch with the upstream error', async () => {
    await using t = await createTestHost({
      plugins: [batchPlugin()],
      simulator: { fault: '500' },
    });
    const outcomes = await Promise.allSettled(callerRequests(5).map((r) => t.host.embed(r)));
    expect(t.sim.stats().routes['openai.embeddings']).toBe(1);
    const reasons = outcomes.map((outcome) =>
      outcome.status === 'rejected' ? outcome.reason : undefined,
    );
    expect(reasons[0]).toBeInstanceOf(Error);
    for (const reason of reasons) expect(reason).toBe(reasons[0]);
  });

  it('sends calls with their own headers alone', async () => {
    await using t = await createTestHost({ plugins: [batchPlugin()] });
    await Promise.all([
      t.host.embed({ model: 'sim-embed', input: ['a'] }),
      t.host.embed({ model: 'sim-embed', input: ['b'] }, { headers: { 'x-trace': '1' } }),
      t.host.embed({ model: 'sim-embed', input: ['c'] }),
    ]);
    expect(t.sim.stats().routes['openai.embeddings']).toBe(2);
  });

  it('rejects bad options with a TypeError naming the option', () => {
    expect(() => batchPlugin({ maxBatchSize: 0 })).toThrow(BatchPluginArgumentError);
    expect(() => batchPlugin({ maxWaitMs: -1 })).toThrow(/options\.maxWaitMs/);
  });
});
