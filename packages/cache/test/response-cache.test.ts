import { setTimeout as sleep } from 'node:timers/promises';
import { createCache, ResponseCache, requestKey, sha256 } from '@hotpath/cache';
import type { CompletionRequest, CompletionResult } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';

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
    expect(requestKey(base, '', sha256)).toMatch(/^v1:[0-9a-f]{64}$/);
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

  it('hash image bytes and data URLs instead of embedding them', () => {
    const withImage = (image: Uint8Array | string): CompletionRequest => ({
      ...base,
      messages: [{ role: 'user', content: [{ type: 'image', image, mediaType: 'image/png' }] }],
    });
    const a = requestKey(withImage(Uint8Array.of(1, 2, 3)), '', sha256);
    expect(a).toBe(requestKey(withImage(Uint8Array.of(1, 2, 3)), '', sha256));
    expect(a).not.toBe(requestKey(withImage(Uint8Array.of(1, 2, 4)), '', sha256));
    let material = '';
    requestKey(withImage(`data:image/png;base64,${'A'.repeat(5000)}`), '', (data) => {
      material = String(data);
      return 'h';
    });
    expect(material.length).toBeLessThan(1000);
    expect(material).not.toContain('AAAA');
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
    expect(first.cached).toBe(false);
    expect(second).toMatchObject({
      cached: true,
      result: first.result,
      saved: { inputTokens: 1000, outputTokens: 500, cost: 0.006 },
    });
    expect(second.saved?.timeMs).toBeGreaterThan(0);
    expect(responses.stats()).toMatchObject({
      hits: 1,
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
    expect(outcomes.filter((o) => !o.cached)).toHaveLength(1);
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
    expect((await responses.complete(hot, call, { force: true })).cached).toBe(true);
    expect(responses.stats().bypassed).toBe(2);
  });

  it('keeps tenants apart', async () => {
    await using cache = await createCache();
    const responses = new ResponseCache({ cache });
    const { call, seen } = provider();
    await responses.complete(base, call, { scope: 'key-a' });
    expect((await responses.complete(base, call, { scope: 'key-b' })).cached).toBe(false);
    expect(seen).toHaveLength(2);
  });

  it('honours noCache, noStore and a per-request ttl', async () => {
    await using cache = await createCache();
    const responses = new ResponseCache({ cache });
    const { call, seen } = provider();
    await responses.complete(base, call, { noStore: true });
    expect(await responses.get(base)).toBeUndefined();
    await responses.complete(base, call);
    expect((await responses.complete(base, call, { noCache: true })).cached).toBe(false);
    expect((await responses.get(base))?.result.message.content).toBe('answer 3');
    const short = { ...base, maxTokens: 5 };
    await responses.complete(short, call, { ttl: 1 });
    await sleep(20);
    expect((await responses.complete(short, call)).cached).toBe(false);
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

  it('uses a key the caller computed instead of hashing the request again', async () => {
    await using cache = await createCache();
    const responses = new ResponseCache({ cache });
    const { call, seen } = provider();
    const key = await responses.key(base, 'tenant');
    await responses.complete(base, call, { scope: 'tenant', key });
    expect((await responses.complete(base, call, { scope: 'tenant' })).cached).toBe(true);
    // The given key is the one used: an answer stored under another key is not the request's.
    await responses.complete({ ...base, maxTokens: 9 }, call, { key: 'v-other' });
    expect(await responses.get({ ...base, maxTokens: 9 })).toBeUndefined();
    await expect(responses.complete(base, call, { key: '' })).rejects.toMatchObject({
      code: 'HOTPATH_CACHE_INVALID_ARGUMENT',
    });
    expect(seen).toHaveLength(2);
  });

  it('rejects requests that are not requests', async () => {
    await using cache = await createCache();
    const responses = new ResponseCache({ cache });
    await expect(responses.complete({ model: 1 } as never, provider().call)).rejects.toThrow(
      TypeError,
    );
    expect(() => new ResponseCache({ cache: {} as never })).toThrow(/options.cache/);
  });
});
