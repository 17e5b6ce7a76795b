import { describe, expect, it } from 'vitest';
import { createMetrics, MetricConflictError, type MetricFamily } from '../src/index.ts';

function family(families: MetricFamily[], name: string): MetricFamily {
  const found = families.find((f) => f.name === name);
  if (!found) throw new Error(`no family ${name}`);
  return found;
}

describe('createMetrics', () => {
  it('counts per label set regardless of label order', () => {
    const metrics = createMetrics();
    const requests = metrics.counter('requests_total', { help: 'Requests.' });
    requests.inc({ model: 'a', route: 'x' });
    requests.add(2, { route: 'x', model: 'a' });
    requests.with({ model: 'b', route: 'x' }).inc();
    requests.inc();
    const { samples } = family(metrics.collect(), 'requests_total');
    expect(samples).toEqual([
      { labels: { model: 'a', route: 'x' }, value: 3 },
      { labels: { model: 'b', route: 'x' }, value: 1 },
      { labels: {}, value: 1 },
    ]);
  });

  it('sets and adds gauges, and runs collect callbacks at collection time', () => {
    const metrics = createMetrics();
    let calls = 0;
    const inflight = metrics.gauge('inflight');
    inflight.add(3);
    inflight.add(-1);
    metrics.gauge('heap_bytes', { collect: (gauge) => gauge.set(++calls * 100) });
    expect(family(metrics.collect(), 'inflight').samples).toEqual([{ labels: {}, value: 2 }]);
    expect(family(metrics.collect(), 'heap_bytes').samples).toEqual([{ labels: {}, value: 200 }]);
    expect(calls).toBe(2);
  });

  it('turns hits and misses into two counters and a ratio', () => {
    const metrics = createMetrics();
    const cache = metrics.hitRate('llm_cache');
    cache.hit({ store: 'memory' });
    cache.hit({ store: 'memory' });
    cache.hit({ store: 'memory' });
    cache.miss({ store: 'memory' });
    const bound = cache.with({ store: 'redis' });
    bound.miss();
    const families = metrics.collect();
    expect(family(families, 'llm_cache_hits_total').samples[0]).toEqual({
      labels: { store: 'memory' },
      value: 3,
    });
    expect(family(families, 'llm_cache_misses_total').samples[1]).toEqual({
      labels: { store: 'redis' },
      value: 1,
    });
    expect(
      family(families, 'llm_cache_hit_ratio').samples.map((s) => 'value' in s && s.value),
    ).toEqual([0.75, 0]);
    expect(bound.ratio).toBe(0);
  });

  it('caps series per metric and counts updates that overflow', () => {
    const metrics = createMetrics({ maxSeries: 3 });
    const requests = metrics.counter('requests_total');
    for (let i = 0; i < 10; i++) requests.inc({ user: `user-${i}` });
    requests.inc({ user: 'user-0' });
    const { samples } = family(metrics.collect(), 'requests_total');
    expect(samples).toHaveLength(4);
    expect(samples[3]).toEqual({ labels: { user: '__overflow__' }, value: 7 });
    expect(samples[0]).toEqual({ labels: { user: 'user-0' }, value: 2 });
    expect(metrics.overflows()).toEqual({ requests_total: 7 });
    expect(family(metrics.collect(), 'hotpath_metrics_series_overflow_total').samples).toEqual([
      { labels: { metric: 'requests_total' }, value: 7 },
    ]);
  });

  it('exports histograms as summaries, or as buckets when given bounds', () => {
    const metrics = createMetrics();
    const latency = metrics.histogram('latency_seconds', { buckets: [0.1, 1] });
    const tokens = metrics.histogram('tokens', { quantiles: [0.5] });
    for (const value of [0.05, 0.5, 0.5, 2]) latency.observe(value);
    for (let i = 1; i <= 100; i++) tokens.with({ model: 'm' }).record(i);
    const families = metrics.collect();
    const histogram = family(families, 'latency_seconds');
    expect(histogram.type).toBe('histogram');
    expect(histogram.samples[0]).toMatchObject({
      count: 4,
      sum: 3.05,
      buckets: [
        [0.1, 1],
        [1, 3],
        [Number.POSITIVE_INFINITY, 4],
      ],
    });
    const summary = family(families, 'tokens');
    expect(summary.type).toBe('summary');
    expect(summary.samples[0]).toMatchObject({
      labels: { model: 'm' },
      count: 100,
      quantiles: [[0.5, expect.closeTo(50, 0)]],
    });
  });

  it('returns the same metric when registered twice and refuses a type conflict', () => {
    const metrics = createMetrics();
    expect(metrics.counter('a_total')).toBe(metrics.counter('a_total'));
    expect(() => metrics.gauge('a_total')).toThrow(MetricConflictError);
    expect(() => metrics.gauge('a_total')).toThrow(
      expect.objectContaining({ code: 'HOTPATH_PROFILER_METRIC_CONFLICT' }),
    );
    expect(metrics.remove('a_total')).toBe(true);
    expect(() => metrics.gauge('a_total')).not.toThrow();
  });

  it('rejects bad names, labels and values with TypeErrors', () => {
    const metrics = createMetrics();
    expect(() => metrics.counter('bad-name')).toThrow(TypeError);
    const counter = metrics.counter('ok_total');
    expect(() => counter.inc({ __reserved: 'x' })).toThrow(/label names/);
    expect(() => counter.add(-1)).toThrow(/counters only go up/);
    expect(() => metrics.histogram('h', { buckets: [] })).toThrow(/options.buckets/);
    expect(() => createMetrics({ maxSeries: 0 })).toThrow(/maxSeries/);
  });

  it('reset drops every series but keeps the metrics', () => {
    const metrics = createMetrics();
    const counter = metrics.counter('c_total');
    counter.inc();
    metrics.reset();
    expect(family(metrics.collect(), 'c_total').samples).toEqual([]);
    counter.inc();
    expect(family(metrics.collect(), 'c_total').samples).toEqual([{ labels: {}, value: 1 }]);
  });
});

describe('cardinality warning', () => {
  it('emits one HOTPATH_PROFILER_CARDINALITY process warning per metric', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const metrics = createMetrics({ maxSeries: 1 });
      const counter = metrics.counter('tenant_requests_total');
      for (let i = 0; i < 5; i++) counter.inc({ tenant: `t${i}` });
      await new Promise((resolve) => setImmediate(resolve));
      // Other tests in this file overflow other metrics; count this metric's warnings only.
      const ours = warnings.filter((w) => w.message.includes('"tenant_requests_total"'));
      expect(ours).toHaveLength(1);
      expect((ours[0] as Error & { code?: string }).code).toBe('HOTPATH_PROFILER_CARDINALITY');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
