import { createTestHost } from '@hotpath/host-testing';
import { isDistributionFamily, type MetricFamily } from '@hotpath/profiler';
import type { Plugin } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import { metricsPlugin } from '../src/index.ts';

function sampleValue(
  families: MetricFamily[],
  name: string,
  labels: Record<string, string>,
): number {
  const family = families.find((f) => f.name === name);
  if (!family || isDistributionFamily(family)) return Number.NaN;
  const sample = family.samples.find((s) =>
    Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  );
  return sample?.value ?? 0;
}

function countOf(families: MetricFamily[], name: string, labels: Record<string, string>): number {
  const family = families.find((f) => f.name === name);
  if (!family || !isDistributionFamily(family)) return Number.NaN;
  return family.samples
    .filter((s) => Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((sum, s) => sum + s.count, 0);
}

/** Marks every completion as a cache hit in ctx.locals, as a cache plugin would. */
const fakeCacheStatus: Plugin = {
  name: 'cache-status',
  setup(context) {
    context.wrap('complete', (next) => (request, ctx) => {
      ctx.locals.cache = request.metadata?.cache === 'hit' ? 'hit' : 'miss';
      return next(request, ctx);
    });
  },
};

describe('metrics plugin', () => {
  it('counts completions and their tokens by model, outcome and cache status', async () => {
    await using t = await createTestHost({
      plugins: [metricsPlugin(), fakeCacheStatus],
      simulator: { responseTokens: 6 },
    });
    const answers = [
      await t.host.complete(t.request('one')),
      await t.host.complete(t.request('two', { metadata: { cache: 'hit' } })),
      await t.host.complete(t.request('three', { model: 'sim-large' })),
    ];
    const families = t.host.service('metrics').metrics.collect();
    const requests = 'hotpath_llm_requests_total';
    expect(
      sampleValue(families, requests, { model: 'sim-small', outcome: 'ok', cache: 'miss' }),
    ).toBe(1);
    expect(
      sampleValue(families, requests, { model: 'sim-small', outcome: 'ok', cache: 'hit' }),
    ).toBe(1);
    expect(sampleValue(families, requests, { model: 'sim-large', call: 'complete' })).toBe(1);
    expect(countOf(families, 'hotpath_llm_request_duration_seconds', { call: 'complete' })).toBe(3);
    const input = answers[0]!.usage.inputTokens + answers[1]!.usage.inputTokens;
    expect(
      sampleValue(families, 'hotpath_llm_tokens_total', { model: 'sim-small', type: 'input' }),
    ).toBe(input);
    expect(
      sampleValue(families, 'hotpath_llm_tokens_total', { model: 'sim-small', type: 'output' }),
    ).toBe(12);
  });

  it('records TTFT, tokens per second and usage of streams, and cancelled streams', async () => {
    await using t = await createTestHost({
      plugins: [metricsPlugin()],
      simulator: { responseTokens: 8, tokensPerSecond: 2000 },
    });
    for await (const _ of t.host.stream(t.request('whole'))) void _;
    for await (const delta of t.host.stream(t.request('partial'))) if (delta.type === 'text') break;
    const families = t.host.service('metrics').metrics.collect();
    expect(
      sampleValue(families, 'hotpath_llm_requests_total', { call: 'stream', outcome: 'ok' }),
    ).toBe(1);
    expect(
      sampleValue(families, 'hotpath_llm_requests_total', { call: 'stream', outcome: 'cancelled' }),
    ).toBe(1);
    expect(
      countOf(families, 'hotpath_llm_time_to_first_token_seconds', { model: 'sim-small' }),
    ).toBe(2);
    expect(countOf(families, 'hotpath_llm_output_tokens_per_second', { model: 'sim-small' })).toBe(
      1,
    );
    expect(sampleValue(families, 'hotpath_llm_tokens_total', { type: 'output' })).toBe(8);
  });

  it('counts failed calls by error code', async () => {
    await using t = await createTestHost({ plugins: [metricsPlugin()] });
    const headers = { 'x-sim-fault': '500' };
    const error = await t.host.complete(t.request('boom'), { headers }).catch((e) => e);
    const streamed = async () => {
      for await (const _ of t.host.stream(t.request('boom'), { headers })) void _;
    };
    const streamError = await streamed().catch((e) => e);
    expect(typeof error.code).toBe('string');
    const families = t.host.service('metrics').metrics.collect();
    expect(
      sampleValue(families, 'hotpath_llm_errors_total', { call: 'complete', code: error.code }),
    ).toBe(1);
    expect(
      sampleValue(families, 'hotpath_llm_errors_total', { call: 'stream', code: streamError.code }),
    ).toBe(1);
    expect(
      sampleValue(families, 'hotpath_llm_requests_total', { outcome: 'error', call: 'complete' }),
    ).toBe(1);
  });

  it('times embeddings and tool calls, counting embedding tokens and tool errors', async () => {
    const tools: Plugin = {
      name: 'tools',
      setup(context) {
        context.registerTool({
          name: 'add',
          run: (args: { a: number; b: number }) => args.a + args.b,
        });
        context.registerTool({
          name: 'broken',
          run: () => {
            throw Object.assign(new Error('nope'), { code: 'TOOL_BROKEN' });
          },
        });
      },
    };
    await using t = await createTestHost({ plugins: [metricsPlugin(), tools] });
    const embedded = await t.host.embed({ model: 'sim-embed', input: ['a b', 'c'] });
    expect(await t.host.callTool('add', { a: 1, b: 2 })).toBe(3);
    await expect(t.host.callTool('broken', {})).rejects.toThrow('nope');
    const families = t.host.service('metrics').metrics.collect();
    const requests = 'hotpath_llm_requests_total';
    expect(
      sampleValue(families, requests, { call: 'embed', model: 'sim-embed', outcome: 'ok' }),
    ).toBe(1);
    expect(
      sampleValue(families, 'hotpath_llm_tokens_total', { model: 'sim-embed', type: 'input' }),
    ).toBe(embedded.usage.inputTokens);
    expect(sampleValue(families, requests, { call: 'tool', model: 'add', outcome: 'ok' })).toBe(1);
    expect(
      sampleValue(families, 'hotpath_llm_errors_total', { call: 'tool', code: 'TOOL_BROKEN' }),
    ).toBe(1);
  });

  it('uses the given prefix and collector, and rejects a bad prefix', async () => {
    expect(() => metricsPlugin({ prefix: 'bad prefix' })).toThrow(
      expect.objectContaining({ code: 'HOTPATH_METRICS_INVALID_ARGUMENT' }),
    );
    // @ts-expect-error checking the runtime guard
    expect(() => metricsPlugin(null)).toThrow(TypeError);
    await using t = await createTestHost({ plugins: [metricsPlugin({ prefix: 'app_llm' })] });
    await t.host.complete(t.request('x'));
    const service = t.host.service('metrics');
    expect(
      sampleValue(service.metrics.collect(), 'app_llm_requests_total', { outcome: 'ok' }),
    ).toBe(1);
    service.reset();
    expect(
      sampleValue(service.metrics.collect(), 'app_llm_requests_total', { outcome: 'ok' }),
    ).toBe(0);
    await t.host.complete(t.request('y'));
    expect(
      sampleValue(service.metrics.collect(), 'app_llm_requests_total', { outcome: 'ok' }),
    ).toBe(1);
  });
});
