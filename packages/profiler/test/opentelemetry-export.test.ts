import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics, createProfiler, exportToOpenTelemetry } from '../src/index.ts';

const providers: MeterProvider[] = [];
afterEach(async () => {
  await Promise.all(providers.splice(0).map((p) => p.shutdown()));
});

function setup() {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  const provider = new MeterProvider({ readers: [reader] });
  providers.push(provider);
  const read = async () => {
    exporter.reset();
    await reader.forceFlush();
    const points = new Map<string, { attributes: Record<string, unknown>; value: unknown }[]>();
    for (const resource of exporter.getMetrics()) {
      for (const scope of resource.scopeMetrics) {
        for (const metric of scope.metrics) {
          points.set(
            metric.descriptor.name,
            metric.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value })),
          );
        }
      }
    }
    return points;
  };
  return { meter: provider.getMeter('test'), read };
}

describe('exportToOpenTelemetry', () => {
  it('reports counters, gauges and summaries through observable instruments', async () => {
    const { meter, read } = setup();
    const metrics = createMetrics();
    metrics.counter('llm_requests_total', { help: 'calls' }).add(3, { model: 'm' });
    metrics.gauge('inflight').set(2);
    const profiler = createProfiler();
    for (let i = 1; i <= 100; i++) profiler.record('db', i);
    using _otel = await exportToOpenTelemetry([metrics, profiler], { meter });
    const points = await read();
    expect(points.get('llm_requests_total')).toEqual([{ attributes: { model: 'm' }, value: 3 }]);
    expect(points.get('inflight')).toEqual([{ attributes: {}, value: 2 }]);
    expect(points.get('hotpath_profiler_count')).toEqual([
      { attributes: { label: 'db' }, value: 100 },
    ]);
    expect(points.get('hotpath_profiler_sum')).toEqual([
      { attributes: { label: 'db' }, value: 5050 },
    ]);
    const quantiles = points.get('hotpath_profiler')!;
    expect(quantiles.map((p) => p.attributes.quantile)).toEqual([
      '0.5',
      '0.9',
      '0.95',
      '0.99',
      '0.999',
    ]);
    expect(quantiles.at(-1)?.value).toBe(100);
  });

  it('picks up metrics registered after an export that started empty, on sync()', async () => {
    const { meter, read } = setup();
    const metrics = createMetrics();
    using otel = await exportToOpenTelemetry(metrics, { meter });
    metrics.counter('late_total').inc();
    otel.sync();
    otel.sync();
    expect((await read()).get('late_total')).toEqual([{ attributes: {}, value: 1 }]);
  });

  it('registers families that appear later after the next collection, without sync()', async () => {
    const { meter, read } = setup();
    const metrics = createMetrics();
    metrics.counter('early_total').inc();
    using _otel = await exportToOpenTelemetry(metrics, { meter });
    metrics.gauge('late_gauge').set(7);
    expect((await read()).get('late_gauge')).toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect((await read()).get('late_gauge')).toEqual([{ attributes: {}, value: 7 }]);
  });

  it('uses the global meter from @opentelemetry/api when none is given, and stops on close', async () => {
    const metrics = createMetrics();
    metrics.counter('c_total').inc();
    const otel = await exportToOpenTelemetry(metrics);
    otel.close();
    otel.close();
    expect(typeof otel.sync).toBe('function');
  });
});
