import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createCache,
  createSqliteStore,
  MAX_KEY_DEPTH,
  ResponseCache,
  requestKey,
  sha256,
} from '@hotpath/cache';
import type { CompletionRequest, CompletionResult } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const base: CompletionRequest = {
  model: 'gpt-test',
  temperature: 0,
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'What is 2+2?' },
  ],
};

function provider(finishReason: CompletionResult['finishReason'] = 'stop') {
  const seen: CompletionRequest[] = [];
  const call = async (request: CompletionRequest) => {
    seen.push(request);
    await sleep(2);
    return {
      model: request.model,
      message: { role: 'assistant', content: `answer ${seen.length}` },
      usage: { inputTokens: 1000, outputTokens: 500 },
      finishReason,
    } satisfies CompletionResult;
  };
  return { call, seen };
}

describe('request keys', () => {
  it('ignore key order and non-semantic fields', () => {
    const reordered = {
      messages: base.messages,
      temperature: 0,
      model: 'gpt-test',
      user: 'u-1',
      metadata: { requestId: 'r-9' },
    } as CompletionRequest;
    expect(requestKey(reordered, '', sha256)).toBe(requestKey(base, '', sha256));
    expect(requestKey(base, '', sha256)).toMatch(/^v2:[0-9a-f]{64}$/);
  });

  it('change with every semantic field and with the scope', () => {
    const keys = new Set(
      [
        base,
        { ...base, model: 'other' },
        { ...base, temperature: 0.1 },
        { ...base, topP: 0.5 },
        { ...base, maxTokens: 10 },
        { ...base, seed: 1 },
        { ...base, toolChoice: 'required' as const },
        { ...base, responseFormat: { type: 'json_object' as const } },
        { ...base, tools: [{ name: 'f', parameters: {} }] },
        { ...base, messages: [...base.messages, { role: 'user' as const, content: 'more' }] },
      ].map((request) => requestKey(request, '', sha256)),
    );
    expect(keys.size).toBe(10);
    expect(requestKey(base, 'tenant-a', sha256)).not.toBe(requestKey(base, 'tenant-b', sha256));
  });

  it('key image bytes and data URLs by their content', () => {
    const withImage = (image: Uint8Array | string): CompletionRequest => ({
      ...base,
      messages: [{ role: 'user', content: [{ type: 'image', image, mediaType: 'image/png' }] }],
    });
    const a = requestKey(withImage(Uint8Array.of(1, 2, 3)), '', sha256);
    expect(a).toBe(requestKey(withImage(Uint8Array.of(1, 2, 3)), '', sha256));
    expect(a).not.toBe(requestKey(withImage(Uint8Array.of(1, 2, 4)), '', sha256));
    // Bytes are not text: the same bytes given as a string are another request.
    expect(a).not.toBe(requestKey(withImage('\x01\x02\x03'), '', sha256));
  });

  it('hand an injected hash the whole canonical material, as text or as bytes', () => {
    const seen: (string | Uint8Array)[] = [];
    const keep = (data: string | Uint8Array) => {
      seen.push(data);
      return sha256(data);
    };
    const ascii = requestKey(base, 'tenant', keep);
    const wide = requestKey({ ...base, messages: [{ role: 'user', content: '缓存' }] }, '', keep);
    expect(typeof seen[0]).toBe('string');
    expect(seen[0]).toContain('What is 2+2?');
    expect(seen[1]).toBeInstanceOf(Uint8Array);
    // The default hash is SHA-256 over the same material.
    expect(ascii).toBe(requestKey(base, 'tenant', sha256));
    expect(wide).toBe(
      requestKey({ ...base, messages: [{ role: 'user', content: '缓存' }] }, '', sha256),
    );
  });

  it('reject nesting deeper than MAX_KEY_DEPTH with a typed error, then still work', () => {
    let schema: Record<string, unknown> = {};
    for (let i = 0; i < MAX_KEY_DEPTH + 5; i++) schema = { items: schema };
    const deep = { ...base, tools: [{ name: 'f', parameters: schema }] };
    expect(() => requestKey(deep, '', sha256)).toThrow(
      expect.objectContaining({ code: 'HOTPATH_CACHE_INVALID_ARGUMENT' }),
    );
    expect(requestKey(base, '', sha256)).toMatch(/^v2:/);
  });
});

describe('ResponseCache', () => {
  it('answers a repeated deterministic request from the cache and reports what it saved', async () => {
    await using cache = await createCache();
    const responses = new ResponseCache({
      cache,
      prices: { 'gpt-test': { inputPerMillion: 2, outputPerMillion: 8 } },
    });
    const { call, seen } = provider();
    const first = await responses.complete(base, call);
    const second = await responses.complete({ ...base, user: 'someone-else' }, call);
    expect(seen).toHaveLength(1);
    expect(first.outcome).toBe('miss');
    expect(first.saved).toBeUndefined();
    expect(second).toMatchObject({
      outcome: 'hit',
      result: first.result,
      saved: { inputTokens: 1000, outputTokens: 500, cost: 0.006 },
    });
    expect(second.saved?.timeMs).toBeGreaterThan(0);
    expect(responses.stats()).toMatchObject({
      hits: 1,
      shared: 0,
      misses: 1,
      savedInputTokens: 1000,
      savedOutputTokens: 500,
      savedCost: 0.006,
    });
  });

  it('shares one upstream call between concurrent identical requests', async () => {
    await using cache = await createCache();
    const responses = new ResponseCache({ cache });
    const { call, seen } = provider();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => responses.complete(base, call)),
    );
    expect(seen).toHaveLength(1);
    // The cache's own flight knows who joined: one miss, every other caller shared it.
    expect(outcomes.filter((o) => o.outcome === 'miss')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'shared')).toHaveLength(19);
    expect(outcomes.every((o) => o.outcome === 'miss' || o.saved?.outputTokens === 500)).toBe(true);
    expect(responses.stats()).toMatchObject({ hits: 0, shared: 19, misses: 1 });
    expect((await responses.complete(base, call)).outcome).toBe('hit');
  });

  it('reports an answer another instance stored in the shared L2 as a hit', async () => {
    using dir = tempDir();
    const path = join(dir.path, 'l2.sqlite');
    const { call, seen } = provider();
    {
      await using writer = await createCache({ l2: await createSqliteStore({ path }) });
      await new ResponseCache({ cache: writer }).complete(base, call);
    }
    await using reader = await createCache({ l2: await createSqliteStore({ path }) });
    const responses = new ResponseCache({ cache: reader });
    const outcomes = await Promise.all([1, 2].map(() => responses.complete(base, call)));
    expect(outcomes.map((o) => o.outcome)).toEqual(['hit', 'hit']);
    expect(seen).toHaveLength(1);
  });

  it('does not cache non-deterministic requests unless seeded or forced', async () => {
    await using cache = await createCache();
    const responses = new ResponseCache({ cache });
    const { call, seen } = provider();
    const hot = { ...base, temperature: 0.8 };
    await responses.complete(hot, call);
    await responses.complete(hot, call);
    expect(seen).toHaveLength(2);
    await responses.complete({ ...hot, seed: 7 }, call);
    await responses.complete({ ...hot, seed: 7 }, call);
    expect(seen).toHaveLength(3);
    await responses.complete(hot, call, { force: true });
    expect((await responses.complete(hot, call, { force: true })).outcome).toBe('hit');
    expect((await responses.complete(hot, call)).outcome).toBe('bypass');
    expect(responses.stats().bypassed).toBe(3);
  });

  it('keeps tenants apart', async () => {
    await using cache = await createCache();
    const responses = new ResponseCache({ cache });
    const { call, seen } = provider();
    await responses.complete(base, call, { scope: 'key-a' });
    expect((await responses.complete(base, call, { scope: 'key-b' })).outcome).toBe('miss');
    expect(seen).toHaveLength(2);
  });

  it('honours noCache, noStore and a per-request ttl', async () => {
    await using cache = await createCache();
    const responses = new ResponseCache({ cache });
    const { call, seen } = provider();
    await responses.complete(base, call, { noStore: true });
    expect(await responses.get(base)).toBeUndefined();
    await responses.complete(base, call);
    expect((await responses.complete(base, call, { noCache: true })).outcome).toBe('miss');
    expect((await responses.get(base))?.result.message.content).toBe('answer 3');
    const short = { ...base, maxTokens: 5 };
    await responses.complete(short, call, { ttlMs: 1 });
    await sleep(20);
    expect((await responses.complete(short, call)).outcome).toBe('miss');
    expect(seen).toHaveLength(5);
  });

  it('never stores an errored answer, and uses an injected async hash', async () => {
    await using cache = await createCache();
    const hashed: string[] = [];
    const responses = new ResponseCache({
      cache,
      hash: async (data) => {
        hashed.push(String(data));
        return sha256(data);
      },
    });
    const { call, seen } = provider('error');
    await responses.complete(base, call);
    await responses.complete(base, call);
    expect(seen).toHaveLength(2);
    expect(hashed.length).toBeGreaterThanOrEqual(2);
  });

  it('reports shared for callers that joined an errored answer, and stores it for nobody', async () => {
    await using cache = await createCache();
    const responses = new ResponseCache({ cache });
    const { call, seen } = provider('error');
    const outcomes = await Promise.all([1, 2, 3].map(() => responses.complete(base, call)));
    expect(seen).toHaveLength(1);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['miss', 'shared', 'shared']);
    expect((await responses.complete(base, call)).outcome).toBe('miss');
  });

  it('rejects requests that are not requests', async () => {
    await using cache = await createCache();
    const responses = new ResponseCache({ cache });
    await expect(responses.complete({ model: 1 } as never, provider().call)).rejects.toThrow(
      TypeError,
    );
    await expect(
      responses.complete(base, provider().call, { scope: 7 as never }),
    ).rejects.toMatchObject({ code: 'HOTPATH_CACHE_INVALID_ARGUMENT' });
    expect(() => new ResponseCache({ cache: {} as never })).toThrow(/options.cache/);
  });
});
