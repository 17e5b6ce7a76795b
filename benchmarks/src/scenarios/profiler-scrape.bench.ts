// Scrape cost: render 1,000 labelled series in the Prometheus text format.

import type { Scenario } from '@hotpath/bench';
import { createMetrics, formatPrometheus } from '@hotpath/profiler';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

const ROUTES = Array.from({ length: 100 }, (_, i) => `/v1/route-${i}`);
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function valueSeries() {
  const ours = createMetrics();
  const registry = new Registry();
  for (let m = 0; m < 5; m++) {
    const counter = ours.counter(`app_requests_${m}_total`, { help: 'Requests.' });
    const gauge = ours.gauge(`app_inflight_${m}`, { help: 'In flight.' });
    const promCounter = new Counter({
      name: `app_requests_${m}_total`,
      help: 'Requests.',
      labelNames: ['route'],
      registers: [registry],
    });
    const promGauge = new Gauge({
      name: `app_inflight_${m}`,
      help: 'In flight.',
      labelNames: ['route'],
      registers: [registry],
    });
    ROUTES.forEach((route, i) => {
      counter.add(i + 1, { route });
      gauge.set(i, { route });
      promCounter.inc({ route }, i + 1);
      promGauge.set({ route }, i);
    });
  }
  return { ours, registry };
}

function histogramSeries() {
  const ours = createMetrics();
  const registry = new Registry();
  const histogram = ours.histogram('app_latency_seconds', { help: 'Latency.', buckets: BUCKETS });
  const prom = new Histogram({
    name: 'app_latency_seconds',
    help: 'Latency.',
    labelNames: ['route'],
    buckets: BUCKETS,
    registers: [registry],
  });
  for (const route of ROUTES) {
    for (let i = 0; i < 200; i++) {
      const value = 0.001 * 1000 ** Math.random();
      histogram.observe(value, { route });
      prom.observe({ route }, value);
    }
  }
  return { ours, registry };
}

const values = valueSeries();
const histograms = histogramSeries();
let sink = 0;

const scenarios: Scenario[] = [
  {
    name: 'profiler: scrape 1,000 counter and gauge series (Prometheus text)',
    tasks: {
      hotpath: () => {
        sink += formatPrometheus(values.ours).length;
      },
      'prom-client register.metrics()': async () => {
        sink += (await values.registry.metrics()).length;
      },
    },
  },
  {
    name: 'profiler: scrape 100 histogram series × 11 buckets (Prometheus text)',
    tasks: {
      hotpath: () => {
        sink += formatPrometheus(histograms.ours).length;
      },
      'prom-client register.metrics()': async () => {
        sink += (await histograms.registry.metrics()).length;
      },
    },
    teardown: () => sink,
  },
];

export default scenarios;
