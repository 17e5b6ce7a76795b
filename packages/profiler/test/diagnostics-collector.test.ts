import { channel } from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import {
  collectDiagnostics,
  createMetrics,
  DEFAULT_CHANNELS,
  type MetricFamily,
} from '../src/index.ts';

function family(metrics: { collect(): MetricFamily[] }, name: string): MetricFamily | undefined {
  return metrics.collect().find((f) => f.name === name);
}

describe('collectDiagnostics', () => {
  it('turns hotpath channel events into counters and duration histograms with labels', () => {
    const metrics = createMetrics();
    using collector = collectDiagnostics(metrics);
    expect(collector.channels()).toEqual(DEFAULT_CHANNELS);
    const task = channel('hotpath:executor:graph-task');
    expect(task.hasSubscribers).toBe(true);
    task.publish({ durationMs: 12, queue: 'llm', ok: true, id: 'task-1' });
    task.publish({ durationMs: 30, queue: 'llm', ok: true, id: 'task-2' });
    task.publish({ queue: 'embed', ok: false });
    expect(family(metrics, 'hotpath_executor_graph_task_total')?.samples).toEqual([
      { labels: { queue: 'llm', ok: 'true' }, value: 2 },
      { labels: { queue: 'embed', ok: 'false' }, value: 1 },
    ]);
    const durations = family(metrics, 'hotpath_executor_graph_task_duration_seconds');
    expect(durations?.samples[0]).toMatchObject({
      labels: { queue: 'llm', ok: 'true' },
      count: 2,
      sum: expect.closeTo(0.042, 9),
    });
  });

  it('observes every numeric …Ms field in seconds, named after the field', () => {
    const metrics = createMetrics();
    using _collector = collectDiagnostics(metrics, { channels: ['myapp:stream:metrics'] });
    channel('myapp:stream:metrics').publish({
      model: 'm',
      ttftMs: 250,
      timeToLastTokenMs: 1500,
      tokens: 42,
    });
    const names = metrics.collect().map((f) => f.name);
    expect(names).toEqual([
      'myapp_stream_metrics_total',
      'myapp_stream_metrics_ttft_seconds',
      'myapp_stream_metrics_time_to_last_token_seconds',
    ]);
    expect(family(metrics, 'myapp_stream_metrics_ttft_seconds')?.samples[0]).toMatchObject({
      labels: { model: 'm' },
      count: 1,
      sum: 0.25,
    });
  });

  it('looks one level into plain objects, never into errors, arrays or deeper', () => {
    const metrics = createMetrics();
    using _collector = collectDiagnostics(metrics, { channels: ['hotpath:stream:end'] });
    channel('hotpath:stream:end').publish({
      metrics: { provider: 'openai', ttftMs: 200, totalMs: 900, deeper: { model: 'x' } },
      aborted: false,
      error: Object.assign(new Error('no'), { kind: 'inner' }),
      list: [{ label: 'no' }],
    });
    // A field the message names itself wins over a nested one.
    channel('hotpath:stream:end').publish({ aborted: true, metrics: { aborted: false } });
    expect(family(metrics, 'hotpath_stream_end_total')?.samples).toEqual([
      { labels: { aborted: 'false', provider: 'openai' }, value: 1 },
      { labels: { aborted: 'true' }, value: 1 },
    ]);
    expect(family(metrics, 'hotpath_stream_end_ttft_seconds')?.samples[0]).toMatchObject({
      labels: { aborted: 'false', provider: 'openai' },
      sum: 0.2,
    });
    expect(family(metrics, 'hotpath_stream_end_total_seconds')?.samples[0]).toMatchObject({
      sum: 0.9,
    });
  });

  it('adds no metric until a channel publishes', () => {
    const metrics = createMetrics();
    using _collector = collectDiagnostics(metrics);
    expect(metrics.collect()).toEqual([]);
  });

  it('counts cache hits and misses as one hit rate', () => {
    const metrics = createMetrics();
    using _collector = collectDiagnostics(metrics);
    channel('hotpath:cache:hit').publish({ store: 'memory', key: 'k1' });
    channel('hotpath:cache:hit').publish({ store: 'memory', key: 'k2' });
    channel('hotpath:cache:miss').publish({ store: 'memory', key: 'k3' });
    expect(family(metrics, 'hotpath_cache_hit_ratio')?.samples).toEqual([
      { labels: { store: 'memory' }, value: 2 / 3 },
    ]);
    expect(family(metrics, 'hotpath_cache_hit_total')).toBeUndefined();
  });

  it('subscribes to channels added later and stops on close', () => {
    const metrics = createMetrics();
    const collector = collectDiagnostics(metrics, { channels: [] });
    collector.add('myapp:queue:drained');
    collector.add('myapp:queue:drained');
    channel('myapp:queue:drained').publish(undefined);
    expect(family(metrics, 'myapp_queue_drained_total')?.samples).toEqual([
      { labels: {}, value: 1 },
    ]);
    collector.close();
    expect(channel('myapp:queue:drained').hasSubscribers).toBe(false);
    channel('myapp:queue:drained').publish({});
    expect(family(metrics, 'myapp_queue_drained_total')?.samples).toEqual([
      { labels: {}, value: 1 },
    ]);
    expect(() => collector.add('')).toThrow(TypeError);
  });

  it('keeps high-cardinality string fields under the cardinality guard', () => {
    const metrics = createMetrics({ maxSeries: 2 });
    using _collector = collectDiagnostics(metrics, {
      channels: ['hotpath:pool:error'],
      ignoreFields: [],
    });
    for (let i = 0; i < 5; i++) channel('hotpath:pool:error').publish({ origin: `https://h${i}` });
    expect(family(metrics, 'hotpath_pool_error_total')?.samples).toHaveLength(3);
    expect(metrics.overflows()).toEqual({ hotpath_pool_error_total: 3 });
  });
});
