import { checkKnownKeys, type KnownKeys, knownKeys } from '@hotpath/protocol';
import type { CollectDiagnosticsOptions } from '../diagnostics.ts';
import { ProfilerArgumentError } from '../errors.ts';
import type { EventLoopMonitorOptions } from '../event-loop-monitor.ts';
import type { HistogramOptions } from '../histogram.ts';
import type {
  GaugeOptions,
  HistogramMetricOptions,
  MetricOptions,
  MetricsOptions,
} from '../metrics.ts';
import type { OpenTelemetryExportOptions } from '../opentelemetry.ts';
import type { ProfilerOptions, ProfilerWindowOptions } from '../profiler.ts';
import type { RollingHistogramOptions } from '../rolling-histogram.ts';

/** The keys of {@link HistogramOptions}. */
export const HISTOGRAM_OPTIONS: KnownKeys = knownKeys<HistogramOptions>({
  precisionBits: true,
  lowest: true,
  highest: true,
});

/** The keys of {@link RollingHistogramOptions}. */
export const ROLLING_HISTOGRAM_OPTIONS: KnownKeys = knownKeys<RollingHistogramOptions>({
  precisionBits: true,
  lowest: true,
  highest: true,
  slots: true,
});

/** The keys of {@link ProfilerOptions}. */
export const PROFILER_OPTIONS: KnownKeys = knownKeys<ProfilerOptions>({
  histogram: true,
  window: true,
  name: true,
  help: true,
});

/** The keys of {@link ProfilerWindowOptions}. */
export const PROFILER_WINDOW_OPTIONS: KnownKeys = knownKeys<ProfilerWindowOptions>({
  durationMs: true,
  slots: true,
});

/** The keys of {@link EventLoopMonitorOptions}. */
export const EVENT_LOOP_OPTIONS: KnownKeys = knownKeys<EventLoopMonitorOptions>({
  resolutionMs: true,
  metrics: true,
  prefix: true,
  resetOnRead: true,
});

/** The keys of {@link MetricsOptions}. */
export const METRICS_OPTIONS: KnownKeys = knownKeys<MetricsOptions>({ maxSeries: true });

/** The keys of {@link MetricOptions} (a counter's). */
export const COUNTER_OPTIONS: KnownKeys = knownKeys<MetricOptions>({ help: true, maxSeries: true });

/** The keys of {@link GaugeOptions}. */
export const GAUGE_OPTIONS: KnownKeys = knownKeys<GaugeOptions>({
  help: true,
  maxSeries: true,
  collect: true,
});

/** The keys of {@link HistogramMetricOptions}. */
export const HISTOGRAM_METRIC_OPTIONS: KnownKeys = knownKeys<HistogramMetricOptions>({
  help: true,
  maxSeries: true,
  precisionBits: true,
  lowest: true,
  highest: true,
  quantiles: true,
  buckets: true,
});

/** The keys of {@link CollectDiagnosticsOptions}. */
export const DIAGNOSTICS_OPTIONS: KnownKeys = knownKeys<CollectDiagnosticsOptions>({
  channels: true,
  hitRates: true,
  ignoreFields: true,
});

/** The keys of {@link OpenTelemetryExportOptions}. */
export const OTEL_OPTIONS: KnownKeys = knownKeys<OpenTelemetryExportOptions>({ meter: true });

/**
 * Rejects an options object with a key `known` does not list, naming the new spelling of an old
 * one (`resolution` → `resolutionMs`). Runs once per profiler, histogram, metric or monitor,
 * never per recorded value.
 */
export function checkKeys(name: string, options: unknown, known: KnownKeys): void {
  if (typeof options !== 'object' || options === null) return;
  checkKnownKeys(options, known, name, (message) => new ProfilerArgumentError(message));
}
