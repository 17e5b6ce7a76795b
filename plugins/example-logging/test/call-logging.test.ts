import { createTestHost } from '@hotpath/host-testing';
import type { CompletionResult, Plugin } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import { type CallRecord, loggingPlugin } from '../src/index.ts';

/** A toy cache: answers "cached" prompts itself and marks ctx.locals.cache, as a real cache plugin does. */
const toyCache: Plugin = {
  name: 'toy-cache',
  setup(context) {
    context.wrap('complete', (next) => async (request, ctx) => {
      const hit = request.messages.at(-1)?.content === 'cached';
      ctx.locals.cache = hit ? 'hit' : 'miss';
      if (!hit) return next(request, ctx);
      const result: CompletionResult = {
        model: request.model,
        message: { role: 'assistant', content: 'from cache' },
        usage: { inputTokens: 0, outputTokens: 0 },
        finishReason: 'stop',
      };
      return result;
    });
  },
};

describe('example logging plugin', () => {
  it('logs model, latency, upstream time, usage and cache status of each completion', async () => {
    const records: CallRecord[] = [];
    await using t = await createTestHost({
      plugins: [loggingPlugin({ sink: (r) => records.push(r), fields: { app: 'test' } }), toyCache],
    });
    const answer = await t.host.complete(t.request('fresh'));
    await t.host.complete(t.request('cached'));
    expect(t.sim.stats().routes['openai.chat']).toBe(1);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      call: 'complete',
      model: 'sim-small',
      outcome: 'ok',
      usage: answer.usage,
      cache: 'miss',
      fields: { app: 'test' },
    });
    expect(records[0]!.upstreamMs).toBeLessThanOrEqual(records[0]!.durationMs);
    expect(records[1]).toMatchObject({ cache: 'hit', usage: { inputTokens: 0 } });
    expect(records[1]).not.toHaveProperty('upstreamMs');
  });

  it('logs streams once they end, with their usage', async () => {
    const records: CallRecord[] = [];
    await using t = await createTestHost({
      plugins: [loggingPlugin({ sink: (r) => records.push(r) })],
      simulator: { responseTokens: 3 },
    });
    for await (const _ of t.host.stream(t.request('hi'))) void _;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ call: 'stream', outcome: 'ok', usage: { outputTokens: 3 } });
    expect(typeof records[0]!.upstreamMs).toBe('number');
  });

  it('logs failures with their error code and rethrows them', async () => {
    const records: CallRecord[] = [];
    await using t = await createTestHost({
      plugins: [loggingPlugin({ sink: (r) => records.push(r) })],
    });
    const error = await t.host
      .complete(t.request('x'), { headers: { 'x-sim-fault': '500' } })
      .catch((e) => e);
    expect(records).toEqual([expect.objectContaining({ outcome: 'error', error: error.code })]);
  });

  it('shares the sink through the call-log service, and survives a throwing sink', async () => {
    const records: CallRecord[] = [];
    const audit: Plugin = {
      name: 'audit',
      dependencies: ['example-logging'],
      setup(context) {
        const log = context.use('call-log');
        context.onClose(() =>
          log.write({ call: 'complete', model: 'none', outcome: 'ok', durationMs: 0 }),
        );
      },
    };
    const t = await createTestHost({
      plugins: [audit, loggingPlugin({ sink: (r) => records.push(r) })],
    });
    await t.close();
    expect(records.map((r) => r.model)).toEqual(['none']);

    await using broken = await createTestHost({
      plugins: [
        loggingPlugin({
          sink: () => {
            throw new Error('disk full');
          },
        }),
      ],
    });
    const warned = new Promise((resolve) => process.once('warning', resolve));
    await expect(broken.host.complete(broken.request('x'))).resolves.toMatchObject({
      model: 'sim-small',
    });
    expect(String(await warned)).toContain('disk full');
    expect(broken.host.service('call-log').written).toBe(1);
  });

  it('rejects a sink that is not a function', () => {
    // @ts-expect-error checking the runtime guard
    expect(() => loggingPlugin({ sink: 'stderr' })).toThrow(
      expect.objectContaining({ code: 'HOTPATH_EXAMPLE_LOGGING_INVALID_ARGUMENT' }),
    );
  });
});
