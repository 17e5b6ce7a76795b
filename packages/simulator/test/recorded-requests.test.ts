import { isHotpathError } from '@hotpath/protocol';
import { type RecordedRequest, startSimulator } from '@hotpath/simulator';
import { propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { post } from './helpers.ts';

const chat = (text: string) => ({
  model: 'sim-small',
  messages: [{ role: 'user', content: text }],
});

describe('sim.requests', () => {
  it('records method, path, query, route, headers without credentials and the parsed body, in arrival order', async () => {
    await using sim = await startSimulator();
    await post(sim.url, '/v1/chat/completions?trace=1', chat('first'), {
      authorization: 'Bearer sk-secret-123456',
      'x-tenant': 'acme',
    });
    await post(sim.url, '/v1/messages', chat('second'), {
      'x-api-key': 'sk-ant-secret',
      'anthropic-version': '2023-06-01',
    });
    await fetch(`${sim.url}/v1/models`);
    const [first, second, third] = sim.requests;
    expect(sim.requests).toHaveLength(3);
    expect(first).toMatchObject({
      seq: 1,
      route: 'openai.chat',
      method: 'POST',
      path: '/v1/chat/completions',
      query: 'trace=1',
      body: chat('first'),
    });
    expect(first?.headers).toMatchObject({ authorization: '[redacted]', 'x-tenant': 'acme' });
    expect(JSON.stringify(sim.requests)).not.toContain('secret');
    expect(second).toMatchObject({ seq: 2, route: 'anthropic.messages', body: chat('second') });
    expect(second?.headers['x-api-key']).toBe('[redacted]');
    expect(third).toMatchObject({ seq: 3, route: 'openai.models', method: 'GET', body: undefined });
  });

  it('keeps a body that is not JSON as undefined, and still records the request', async () => {
    await using sim = await startSimulator();
    const res = await post(sim.url, '/v1/chat/completions', '{"model": ');
    expect(res.status).toBe(400);
    expect(sim.requests).toMatchObject([{ route: 'openai.chat', body: undefined }]);
  });

  it('keeps the most recent recordRequests requests and counts the ones it dropped', async () => {
    await using sim = await startSimulator({ recordRequests: 3 });
    for (let i = 1; i <= 5; i++) await post(sim.url, '/v1/chat/completions', chat(`call ${i}`));
    expect(sim.requests.map((r) => r.seq)).toEqual([3, 4, 5]);
    expect(sim.requestsDropped).toBe(2);
    sim.clearRequests();
    expect(sim.requests).toEqual([]);
    expect(sim.requestsDropped).toBe(0);
    await post(sim.url, '/v1/chat/completions', chat('after clear'));
    expect(sim.requests.map((r) => r.seq)).toEqual([6]);
  });

  it('records nothing with recordRequests: 0, and says how many it did not keep', async () => {
    await using sim = await startSimulator({ recordRequests: 0 });
    await post(sim.url, '/v1/chat/completions', chat('x'));
    expect(sim.requests).toEqual([]);
    expect(sim.requestsDropped).toBe(1);
  });

  it('returns frozen snapshots that later requests do not change', async () => {
    await using sim = await startSimulator();
    await post(sim.url, '/v1/chat/completions', chat('one'));
    const before: readonly RecordedRequest[] = sim.requests;
    await post(sim.url, '/v1/chat/completions', chat('two'));
    expect(before).toHaveLength(1);
    expect(Object.isFrozen(before)).toBe(true);
    expect(Object.isFrozen(before[0])).toBe(true);
    expect(Object.isFrozen(before[0]?.headers)).toBe(true);
    expect(sim.requests).toHaveLength(2);
  });

  it('rejects a recordRequests that is not a whole number from 0 to 1,000,000', async () => {
    for (const recordRequests of [-1, 1.5, Number.NaN, 1_000_001]) {
      await expect(startSimulator({ recordRequests })).rejects.toSatisfy((error) =>
        isHotpathError(error, 'HOTPATH_SIMULATOR_INVALID_ARGUMENT'),
      );
    }
  });

  it.each(propertySeeds('recorded-requests'))(
    'the recorded body equals the JSON the client sent, lone surrogates, NUL and every plane included (seed %i)',
    async (seed) => {
      await using sim = await startSimulator({ recordRequests: 1 });
      const text = fc.string({ unit: 'binary', maxLength: 64 });
      const content = fc.oneof(text, fc.constantFrom('\0', '\uFFFD', '\uD800', '\uDFFF', '😀'));
      await fc.assert(
        fc.asyncProperty(fc.array(content, { minLength: 1, maxLength: 4 }), async (parts) => {
          const body = {
            model: 'sim-small',
            messages: parts.map((content) => ({ role: 'user', content })),
          };
          const res = await post(sim.url, '/v1/chat/completions', body);
          await res.arrayBuffer();
          expect(sim.requests.at(-1)?.body).toEqual(body);
        }),
        { seed, numRuns: 40 },
      );
    },
  );
});
