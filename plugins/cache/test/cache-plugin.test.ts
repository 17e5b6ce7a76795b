import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCache } from '@hotpath/cache';
import { createTestHost } from '@hotpath/host-testing';
import type {
  CallContext,
  CompletionRequest,
  EmbeddingRequest,
  Plugin,
  StreamDelta,
  Tool,
} from '@hotpath/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CachePluginArgumentError, cachePlugin } from '../src/index.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hotpath-plugin-cache-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function plugin(options: Parameters<typeof cachePlugin>[0] = {}) {
  return cachePlugin({ sqlitePath: join(dir, 'cache.sqlite'), ...options });
}

/** Records the cache status each completion left in ctx.locals (runs outermost). */
function statusSpy(statuses: unknown[]): Plugin {
  return {
    name: 'status-spy',
    setup(context) {
      context.wrap(
        'complete',
        (next) => async (request, ctx) => {
          const result = await next(request, ctx);
          statuses.push(ctx.locals.cache);
          return result;
        },
        { order: 'pre' },
      );
    },
  };
}

/** Records what reaches the provider for embeddings (runs innermost). */
function embedSpy(inputs: (readonly string[])[]): Plugin {
  return {
    name: 'embed-spy',
    setup(context) {
      context.wrap(
        'embed',
        (next) => (request: EmbeddingRequest, ctx: CallContext) => {
          inputs.push(request.input);
          return next(request, ctx);
        },
        { order: 'post' },
      );
    },
  };
}

async function drain(stream: AsyncIterable<StreamDelta>): Promise<StreamDelta[]> {
  const deltas: StreamDelta[] = [];
  for await (const delta of stream) deltas.push(delta);
  return deltas;
}

const deterministic = (
  t: { request(text: string, o?: Partial<CompletionRequest>): CompletionRequest },
  text: string,
) => t.request(text, { temperature: 0 });

describe('cache plugin', () => {
  it('answers an identical completion from the cache and reports the savings', async () => {
    const statuses: unknown[] = [];
    await using t = await createTestHost({
      plugins: [
        statusSpy(statuses),
        plugin({ prices: { 'sim-small': { inputPerMillion: 1_000_000, outputPerMillion: 0 } } }),
      ],
    });
    const first = await t.host.complete(deterministic(t, 'hello'));
    const second = await t.host.complete(deterministic(t, 'hello'));
    expect(t.sim.stats().routes['openai.chat']).toBe(1);
    expect(second).toEqual(first);
    expect(statuses).toEqual(['miss', 'hit']);
    const savings = t.host.service('cache').savings();
    expect(savings).toMatchObject({
      hits: 1,
      inputTokens: first.usage.inputTokens,
      outputTokens: first.usage.outputTokens,
      cost: first.usage.inputTokens,
    });
  });

  it('sends 10 concurrent identical completions upstream once', async () => {
    const statuses: unknown[] = [];
    await using t = await createTestHost({ plugins: [statusSpy(statuses), plugin()] });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => t.host.complete(deterministic(t, 'together'))),
    );
    expect(t.sim.stats().routes['openai.chat']).toBe(1);
    expect(new Set(answers.map((a) => a.message.content)).size).toBe(1);
    expect(statuses.filter((s) => s === 'miss')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'shared')).toHaveLength(9);
    expect(t.host.service('cache').savings().hits).toBe(9);
  });

  it('does not cache non-deterministic requests, and honours no-cache metadata', async () => {
    const statuses: unknown[] = [];
    await using t = await createTestHost({ plugins: [statusSpy(statuses), plugin()] });
    await t.host.complete(t.request('warm'));
    await t.host.complete(t.request('warm'));
    expect(t.sim.stats().routes['openai.chat']).toBe(2);
    await t.host.complete(deterministic(t, 'x'));
    const noCache = { metadata: { 'hotpath-cache': 'no-cache' }, temperature: 0 };
    await t.host.complete(t.request('x', noCache));
    expect(t.sim.stats().routes['openai.chat']).toBe(4);
    await t.host.complete(deterministic(t, 'x'));
    expect(t.sim.stats().routes['openai.chat']).toBe(4);
    expect(statuses).toEqual([undefined, undefined, 'miss', 'miss', 'hit']);
  });

  it('never shares entries between API keys', async () => {
    await using t = await createTestHost({ plugins: [plugin()] });
    const as = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });
    await t.host.complete(deterministic(t, 'secret'), as('sk-a'));
    await t.host.complete(deterministic(t, 'secret'), as('sk-b'));
    await t.host.complete(deterministic(t, 'secret'), { headers: { 'X-Api-Key': 'sk-c' } });
    expect(t.sim.stats().routes['openai.chat']).toBe(3);
    await t.host.complete(deterministic(t, 'secret'), as('sk-a'));
    expect(t.sim.stats().routes['openai.chat']).toBe(3);
  });

  it('shares one upstream stream among 5 concurrent identical streams and replays it later', async () => {
    await using t = await createTestHost({
      plugins: [plugin()],
      simulator: { responseTokens: 20 },
    });
    const all = await Promise.all(
      Array.from({ length: 5 }, () => drain(t.host.stream(deterministic(t, 'stream me')))),
    );
    expect(t.sim.stats().streamsStarted).toBe(1);
    expect(all[0]!.at(-1)).toMatchObject({ type: 'finish' });
    for (const deltas of all) expect(deltas).toEqual(all[0]);
    const replay = await drain(t.host.stream(deterministic(t, 'stream me')));
    expect(replay).toEqual(all[0]);
    expect(t.sim.stats().streamsStarted).toBe(1);
    expect(t.host.service('cache').savings().hits).toBeGreaterThanOrEqual(1);
  });

  it('does not cache a stream aborted midway', async () => {
    await using t = await createTestHost({
      plugins: [plugin()],
      simulator: { responseTokens: 50 },
    });
    let seen = 0;
    for await (const delta of t.host.stream(deterministic(t, 'cut short'))) {
      if (delta.type === 'text' && ++seen === 2) break;
    }
    const full = await drain(t.host.stream(deterministic(t, 'cut short')));
    expect(full.at(-1)).toMatchObject({ type: 'finish' });
    expect(t.sim.stats().streamsStarted).toBe(2);
  });

  it('sends only the texts it has not embedded before', async () => {
    const inputs: (readonly string[])[] = [];
    await using t = await createTestHost({ plugins: [plugin(), embedSpy(inputs)] });
    const first = await t.host.embed({ model: 'sim-embed', input: ['a', 'b', 'a'] });
    const second = await t.host.embed({ model: 'sim-embed', input: ['b', 'c', 'a'] });
    expect(inputs).toEqual([['a', 'b'], ['c']]);
    expect(t.sim.stats().routes['openai.embeddings']).toBe(2);
    expect(second.embeddings[0]).toEqual(first.embeddings[1]);
    expect(second.embeddings[2]).toEqual(first.embeddings[0]);
    await t.host.embed({ model: 'sim-embed', input: ['c'] });
    expect(t.sim.stats().routes['openai.embeddings']).toBe(2);
  });

  it('caches results of cacheable tools only', async () => {
    const runs = { lookup: 0, send: 0 };
    const lookup: Tool = {
      name: 'lookup',
      cacheable: true,
      ttlMs: 60_000,
      run: (args) => ({ n: ++runs.lookup, args }),
    };
    const send: Tool = { name: 'send', run: () => ++runs.send };
    await using t = await createTestHost({ plugins: [plugin({ tools: [lookup, send] })] });
    const a = await t.host.callTool('lookup', { q: 1 });
    const b = await t.host.callTool('lookup', { q: 1 });
    await t.host.callTool('lookup', { q: 2 });
    await t.host.callTool('send', {});
    await t.host.callTool('send', {});
    expect(b).toEqual(a);
    expect(runs).toEqual({ lookup: 2, send: 2 });
  });

  it('keeps answers in the SQLite L2 across host restarts', async () => {
    {
      await using t = await createTestHost({ plugins: [plugin()] });
      await t.host.complete(deterministic(t, 'durable'));
      expect(t.sim.stats().routes['openai.chat']).toBe(1);
    }
    const statuses: unknown[] = [];
    await using t = await createTestHost({ plugins: [statusSpy(statuses), plugin()] });
    await t.host.complete(deterministic(t, 'durable'));
    expect(t.sim.stats().routes['openai.chat']).toBe(0);
    expect(statuses).toEqual(['hit']);
  });

  it('uses a cache instance it is given and leaves it open', async () => {
    await using cache = await createCache({ max: 100 });
    {
      await using t = await createTestHost({ plugins: [cachePlugin({ cache })] });
      await t.host.complete(deterministic(t, 'mine'));
      expect(t.host.service('cache').cache).toBe(cache);
    }
    expect(cache.stats().entries).toBeGreaterThan(0);
    await using t = await createTestHost({ plugins: [cachePlugin({ cache })] });
    await t.host.complete(deterministic(t, 'mine'));
    expect(t.sim.stats().routes['openai.chat']).toBe(0);
  });

  it('marks stream calls miss, shared or hit', async () => {
    const statuses: unknown[] = [];
    const spy: Plugin = {
      name: 'stream-spy',
      setup(context) {
        context.wrap(
          'stream',
          (next) =>
            async function* (request, ctx) {
              yield* next(request, ctx);
              statuses.push(ctx.locals.cache);
            },
          { order: 'pre' },
        );
      },
    };
    await using t = await createTestHost({ plugins: [spy, plugin()] });
    await Promise.all([1, 2, 3].map(() => drain(t.host.stream(deterministic(t, 's')))));
    await drain(t.host.stream(deterministic(t, 's')));
    expect(statuses.filter((s) => s === 'miss')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'shared')).toHaveLength(2);
    expect(statuses.at(-1)).toBe('hit');
    expect(t.sim.stats().streamsStarted).toBe(1);
  });

  it('rejects bad options with a TypeError naming the option', () => {
    expect(() => cachePlugin({ prices: 3 as never })).toThrow(CachePluginArgumentError);
    expect(() => cachePlugin({ determinism: { maxTemperature: -1 } })).toThrow(
      /options\.determinism\.maxTemperature/,
    );
    expect(() => cachePlugin({ tools: [{}] as never })).toThrow(TypeError);
  });
});
