import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import {
  createMetrics,
  createProfiler,
  createPrometheusHandler,
  formatPrometheus,
  toJSON,
} from '../src/index.ts';

function sources() {
  const metrics = createMetrics();
  metrics
    .counter('llm_requests_total', { help: 'LLM calls.\nOne per request.' })
    .inc({ model: 'gpt "4o"\\mini\n' });
  metrics.gauge('inflight').set(2.5);
  metrics.hitRate('llm_cache', { help: 'Cache lookups' }).hit();
  const latency = metrics.histogram('latency_seconds', { help: 'Latency.', buckets: [0.1, 1] });
  for (const value of [0.05, 0.5, 2]) latency.observe(value);
  const tokens = metrics.histogram('tokens', { help: 'Tokens.', quantiles: [0.5, 1] });
  for (const value of [10, 20, 30]) tokens.observe(value);
  const profiler = createProfiler();
  for (let i = 1; i <= 100; i++) profiler.record('db', i);
  return [metrics, profiler] as const;
}

describe('Prometheus export', () => {
  it('parses with a real exposition-format parser, with escaping, summaries and histograms intact', () => {
    const parsed = parsePrometheusTextFormat(formatPrometheus(sources()));
    const byName = Object.fromEntries(parsed.map((f) => [f.name, f]));
    expect(byName.llm_requests_total).toMatchObject({
      type: 'COUNTER',
      help: 'LLM calls.\nOne per request.',
      metrics: [{ value: '1', labels: { model: 'gpt "4o"\\mini\n' } }],
    });
    expect(byName.inflight).toMatchObject({ type: 'GAUGE', metrics: [{ value: '2.5' }] });
    expect(byName.llm_cache_hit_ratio).toMatchObject({ type: 'GAUGE', metrics: [{ value: '1' }] });
    expect(byName.latency_seconds).toMatchObject({
      type: 'HISTOGRAM',
      metrics: [{ buckets: { '0.1': '1', '1': '2', '+Inf': '3' }, count: '3', sum: '2.55' }],
    });
    expect(byName.tokens).toMatchObject({
      type: 'SUMMARY',
      metrics: [{ quantiles: { '0.5': '20.0625', '1': '30' }, count: '3', sum: '60' }],
    });
    // This parser keeps the quantiles of a labelled summary but drops its labels and _sum/_count
    // (its flattenMetrics groups one series per family); the unlabelled families above cover those.
    const summary = byName.hotpath_profiler!;
    expect(summary.type).toBe('SUMMARY');
    expect(Number(summary.metrics[0]!.quantiles!['0.5'])).toBeCloseTo(50, 0);
    expect(Number(summary.metrics[0]!.quantiles!['0.999'])).toBe(100);
  });

  it('is scraped over real HTTP with the 0.0.4 content type', async () => {
    const server = createServer(createPrometheusHandler(sources()));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const names = parsePrometheusTextFormat(await response.text()).map((f) => f.name);
      expect(names).toEqual([
        'llm_requests_total',
        'inflight',
        'llm_cache_hits_total',
        'llm_cache_misses_total',
        'llm_cache_hit_ratio',
        'latency_seconds',
        'tokens',
        'hotpath_profiler',
      ]);
      const head = await fetch(url, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
      const post = await fetch(url, { method: 'POST' });
      expect(post.status).toBe(405);
      expect(post.headers.get('allow')).toBe('GET, HEAD');
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  it('exports JSON with non-finite numbers as strings', () => {
    const json = toJSON(sources());
    const histogram = json.metrics.find((f) => f.name === 'latency_seconds');
    expect(histogram?.samples[0]).toMatchObject({
      buckets: [
        [0.1, 1],
        [1, 2],
        ['+Inf', 3],
      ],
      count: 3,
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
