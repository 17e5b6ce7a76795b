import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createMetrics, formatPrometheus, monitorEventLoop } from '../src/index.ts';

function block(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy on purpose: the monitor must see a delayed, busy loop
  }
}

describe('monitorEventLoop', () => {
  it('reads delay percentiles and a utilisation fraction', async () => {
    await using monitor = monitorEventLoop({ resolutionMs: 1 });
    for (let i = 0; i < 5; i++) {
      block(20);
      await delay(5);
    }
    const { delay: stats, utilization } = monitor.stats();
    expect(stats.max).toBeGreaterThan(0);
    expect(stats.p50).toBeLessThanOrEqual(stats.p99);
    expect(stats.p99).toBeLessThanOrEqual(stats.max);
    expect(utilization).toBeGreaterThan(0);
    expect(utilization).toBeLessThanOrEqual(1);
  });

  it('exports gauges on a collector and removes them on close', async () => {
    const metrics = createMetrics();
    const monitor = monitorEventLoop({ metrics, resolutionMs: 1 });
    block(15);
    await delay(5);
    const text = formatPrometheus(metrics);
    expect(text).toContain('# TYPE hotpath_eventloop_delay_seconds gauge');
    expect(text).toMatch(/hotpath_eventloop_delay_seconds\{quantile="0.99"\} \d/);
    expect(text).toMatch(/hotpath_eventloop_utilization 0\.\d+|hotpath_eventloop_utilization 1/);
    monitor.close();
    expect(metrics.collect()).toEqual([]);
  });

  it('rejects a bad resolution', () => {
    expect(() => monitorEventLoop({ resolutionMs: 0 })).toThrow(/resolutionMs/);
  });
});
