import { channel } from 'node:diagnostics_channel';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestHost } from '@hotpath/host-testing';
import { PROMETHEUS_CONTENT_TYPE } from '@hotpath/profiler';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { metricsPlugin } from '../src/index.ts';

describe('metrics service export', () => {
  it('serves a Prometheus scrape over HTTP with call metrics and diagnostics hit rates', async () => {
    await using t = await createTestHost({ plugins: [metricsPlugin()] });
    await t.host.complete(t.request('a'));
    await t.host.complete(t.request('b'));
    channel('hotpath:cache:hit').publish({ store: 'memory', durationMs: 0.2 });
    channel('hotpath:cache:miss').publish({ store: 'memory', durationMs: 0.1 });
    channel('hotpath:cache:hit').publish({ store: 'memory', durationMs: 0.3 });

    const server = createServer(t.host.service('metrics').handler).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.headers.get('content-type')).toBe(PROMETHEUS_CONTENT_TYPE);
      const families = parsePrometheusTextFormat(await response.text());
      const byName = Object.fromEntries(families.map((f) => [f.name, f]));
      expect(byName.hotpath_llm_requests_total).toMatchObject({
        type: 'COUNTER',
        metrics: [
          {
            value: '2',
            labels: { call: 'complete', model: 'sim-small', outcome: 'ok', cache: 'none' },
          },
        ],
      });
      expect(byName.hotpath_llm_request_duration_seconds?.type).toBe('SUMMARY');
      expect(byName.hotpath_cache_hits_total?.metrics[0]?.value).toBe('2');
      expect(byName.hotpath_cache_misses_total?.metrics[0]?.value).toBe('1');
      expect(Number(byName.hotpath_cache_hit_ratio?.metrics[0]?.value)).toBeCloseTo(2 / 3, 6);
    } finally {
      server.close();
      await once(server, 'close');
    }
  });

  it('exports JSON and unsubscribes from the diagnostics channels on close', async () => {
    const t = await createTestHost({ plugins: [metricsPlugin()] });
    await t.host.complete(t.request('a'));
    const json = t.host.service('metrics').json();
    expect(json.metrics.map((f) => f.name)).toContain('hotpath_llm_requests_total');
    expect(channel('hotpath:cache:hit').hasSubscribers).toBe(true);
    await t.close();
    expect(channel('hotpath:cache:hit').hasSubscribers).toBe(false);
  });

  it('leaves the diagnostics channels alone with diagnostics: false', async () => {
    await using _t = await createTestHost({ plugins: [metricsPlugin({ diagnostics: false })] });
    expect(channel('hotpath:cache:hit').hasSubscribers).toBe(false);
  });
});
