import {
  createMetrics,
  createProfiler,
  Histogram,
  monitorEventLoop,
  ProfilerArgumentError,
} from '@hotpath/profiler';
import { expect, it } from 'vitest';

it('createProfiler rejects an old duration name in its window, naming the Ms spelling', () => {
  const make = () => createProfiler({ window: { duration: 60_000 } } as never);
  expect(make).toThrow(ProfilerArgumentError);
  expect(make).toThrow(
    'options.window.duration is not an option; durations are in milliseconds and end in Ms: use options.window.durationMs.',
  );
});

it('histograms, metrics and the event-loop monitor reject unknown keys with HOTPATH_PROFILER_INVALID_ARGUMENT', () => {
  const metrics = createMetrics();
  const calls: Array<() => unknown> = [
    () => new Histogram({ higest: 10 } as never),
    () => createProfiler({ histogram: { low: 1 } } as never),
    () => metrics.histogram('x_seconds', { bucket: [1] } as never),
    () => metrics.counter('x_total', { description: 'x' } as never),
    () => monitorEventLoop({ resolution: 10 } as never),
  ];
  for (const call of calls) {
    expect(call).toThrow(expect.objectContaining({ code: 'HOTPATH_PROFILER_INVALID_ARGUMENT' }));
  }
  expect(calls[4]!).toThrow('use options.resolutionMs.');
  // A histogram metric's own options are accepted, and each series' histogram gets only its shape.
  metrics.histogram('ok_seconds', { help: 'h', lowest: 1e-3, quantiles: [0.5] }).observe(1);
});
