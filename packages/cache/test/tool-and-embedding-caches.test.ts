import { createCache, EmbeddingCache, ToolResultCache } from '@hotpath/cache';
import type { EmbeddingRequest } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';

describe('ToolResultCache', () => {
  it('caches by tool and canonical arguments, skips uncacheable tools', async () => {
    await using cache = await createCache();
    const tools = new ToolResultCache({ cache, tools: { send: { cacheable: false } } });
    let runs = 0;
    const execute = async (args: unknown) => `result ${++runs} for ${JSON.stringify(args)}`;
    const a = await tools.run('search', { q: 'x', limit: 5 }, execute);
    expect(await tools.run('search', { limit: 5, q: 'x' }, execute)).toBe(a);
    await tools.run('search', { q: 'y', limit: 5 }, execute);
    await tools.run('send', { to: 'a' }, execute);
    await tools.run('send', { to: 'a' }, execute);
    expect(runs).toBe(4);
  });

  it('keeps tenants apart and keys arguments that differ only in lone surrogates apart', async () => {
    await using cache = await createCache();
    const tools = new ToolResultCache({ cache });
    let runs = 0;
    const execute = async () => ++runs;
    expect(await tools.run('search', { q: 'x' }, execute, { scope: 'tenant-a' })).toBe(1);
    expect(await tools.run('search', { q: 'x' }, execute, { scope: 'tenant-b' })).toBe(2);
    expect(await tools.run('search', { q: 'x' }, execute, { scope: 'tenant-a' })).toBe(1);
    expect(await tools.run('search', { q: '\uD800' }, execute)).toBe(3);
    expect(await tools.run('search', { q: '\uDC00' }, execute)).toBe(4);
    await expect(tools.run('search', {}, execute, { scope: 1 as never })).rejects.toThrow(
      TypeError,
    );
  });

  it('invalidateFile drops exactly the results that depend on the file', async () => {
    await using cache = await createCache();
    const tools = new ToolResultCache({
      cache,
      tools: { read: { files: (args) => [(args as { path: string }).path] } },
    });
    let runs = 0;
    const read = async (args: unknown) => `${(args as { path: string }).path} v${++runs}`;
    await tools.run('read', { path: 'src/a.ts' }, read);
    await tools.run('read', { path: 'src/b.ts' }, read);
    await tools.run('grep', { q: 'x' }, read, { files: ['src/a.ts', 'src/c.ts'] });
    await tools.invalidateFile('src/a.ts');
    expect(await tools.run('read', { path: 'src/a.ts' }, read)).toBe('src/a.ts v4');
    expect(await tools.run('read', { path: 'src/b.ts' }, read)).toBe('src/b.ts v2');
    await tools.run('grep', { q: 'x' }, read, { files: ['src/a.ts', 'src/c.ts'] });
    expect(runs).toBe(5);
    await expect(tools.invalidateFile('' as string)).rejects.toThrow(TypeError);
  });
});

describe('EmbeddingCache', () => {
  const vector = (seed: number, dims = 4) =>
    Float32Array.from({ length: dims }, (_, i) => seed + i / 8);

  it('answers partial hits in input order and asks upstream once per missing distinct text', async () => {
    await using cache = await createCache();
    const embeddings = new EmbeddingCache({ cache });
    const space = { model: 'emb', dimensions: 4 };
    await embeddings.setMany(['a', 'c'], [vector(1), vector(3)], space);
    const partial = await embeddings.getMany(['c', 'b', 'a', 'b'], space);
    expect(partial).toEqual([vector(3), undefined, vector(1), undefined]);
    const asked: string[][] = [];
    const call = async (request: EmbeddingRequest) => {
      asked.push([...request.input]);
      return {
        model: request.model,
        embeddings: request.input.map((t) => vector(t.charCodeAt(0))),
        usage: { inputTokens: 1 },
      };
    };
    const result = await embeddings.embed(
      { model: 'emb', dimensions: 4, input: ['b', 'a', 'd', 'b'] },
      call,
    );
    expect(asked).toEqual([['b', 'd']]);
    expect(result.embeddings).toEqual([vector(98), vector(1), vector(100), vector(98)]);
    expect(result.cached).toBe(1);
    expect(
      (await embeddings.embed({ model: 'emb', dimensions: 4, input: ['d'] }, call)).cached,
    ).toBe(1);
    expect(asked).toHaveLength(1);
  });

  it('stores raw Float32 bytes (4 per dimension) and keys by text, model and dimensions', async () => {
    await using cache = await createCache();
    const embeddings = new EmbeddingCache({ cache });
    await embeddings.setMany(['t'], [vector(1, 8)], { model: 'emb', dimensions: 8 });
    const key = await embeddings.key('t', { model: 'emb', dimensions: 8 });
    const raw = cache.namespace('llm:embedding').getSync<Uint8Array>(key);
    expect(raw).toBeInstanceOf(Uint8Array);
    expect(raw?.byteLength).toBe(32);
    expect(await embeddings.getMany(['t'], { model: 'emb', dimensions: 4 })).toEqual([undefined]);
    expect(await embeddings.getMany(['t'], { model: 'other', dimensions: 8 })).toEqual([undefined]);
    await expect(embeddings.setMany(['t'], [[1, 2] as never], { model: 'emb' })).rejects.toThrow(
      TypeError,
    );
  });

  it('keeps tenants and texts that differ only in lone surrogates apart', async () => {
    await using cache = await createCache();
    const embeddings = new EmbeddingCache({ cache });
    const space = { model: 'emb', dimensions: 4, scope: 'tenant-a' };
    await embeddings.setMany(['\uD800'], [vector(1)], space);
    expect(await embeddings.getMany(['\uD800', '\uDC00', '\uFFFD'], space)).toEqual([
      vector(1),
      undefined,
      undefined,
    ]);
    expect(await embeddings.getMany(['\uD800'], { ...space, scope: 'tenant-b' })).toEqual([
      undefined,
    ]);
    await expect(embeddings.getMany(['t'], { ...space, scope: 2 as never })).rejects.toThrow(
      TypeError,
    );
  });
});
