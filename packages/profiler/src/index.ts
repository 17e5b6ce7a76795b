export { MetricConflictError, OpenTelemetryMissingError, ProfilerArgumentError } from './errors.ts';
export {
  Histogram,
  type HistogramBucket,
  type HistogramOptions,
  type HistogramStats,
} from './histogram.ts';
export { type MetricsJson, toJSON } from './json.ts';
export {
  collectAll,
  type DistributionFamily,
  type DistributionSample,
  isDistributionFamily,
  type Labels,
  type MetricFamily,
  type MetricSource,
  type ValueFamily,
  type ValueSample,
} from './metric-family.ts';
export {
  type BoundCounter,
  type BoundGauge,
  type BoundHitRate,
  type Counter,
  createMetrics,
  type Gauge,
  type GaugeOptions,
  type HistogramMetric,
  type HistogramMetricOptions,
  type HitRate,
  type MetricOptions,
  type Metrics,
  type MetricsOptions,
} from './metrics.ts';
export {
  createProfiler,
  type Profiler,
  type ProfilerOptions,
  type ProfilerWindowOptions,
  type StopTimer,
} from './profiler.ts';
export {
  createPrometheusHandler,
  formatPrometheus,
  PROMETHEUS_CONTENT_TYPE,
  type PrometheusHandler,
} from './prometheus.ts';
export { RollingHistogram, type RollingHistogramOptions } from './rolling-histogram.ts';
