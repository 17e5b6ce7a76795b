import { createTestHost } from '@hotpath/host-testing';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { expect, it } from 'vitest';
import { metricsPlugin } from '../src/index.ts';

it('exports the call metrics through the profiler OpenTelemetry exporter', async () => {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  try {
    const meter = provider.getMeter('test');
    await using t = await createTestHost({
      plugins: [metricsPlugin({ openTelemetry: { meter } })],
    });
    await t.host.complete(t.request('otel'));
    await reader.forceFlush();
    const points = exporter
      .getMetrics()
      .flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics))
      .filter((m) => m.descriptor.name === 'hotpath_llm_requests_total')
      .flatMap((m) => m.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value })));
    expect(points).toEqual([
      {
        attributes: { call: 'complete', model: 'sim-small', outcome: 'ok', cache: 'none' },
        value: 1,
      },
    ]);
  } finally {
    await provider.shutdown();
  }
});
