import '@hotpath/protocol/assert-node';

export {
  type CollectDiagnosticsOptions,
  collectDiagnostics,
  DEFAULT_CHANNELS,
  DEFAULT_HIT_RATES,
  DEFAULT_IGNORED_FIELDS,
  type DiagnosticsCollector,
} from './diagnostics.ts';
export { MetricConflictError, OpenTelemetryMissingError, ProfilerArgumentError } from './errors.ts';
export {
  type EventLoopDelayStats,
  type EventLoopMonitor,
  type EventLoopMonitorOptions,
  type EventLoopStats,
  monitorEventLoop,
} from './event-loop-monitor.ts';
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
  exportToOpenTelemetry,
  type OpenTelemetryExport,
  type OpenTelemetryExportOptions,
  type OtelBatchResult,
  type OtelMeter,
  type OtelObservable,
} from './opentelemetry.ts';
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
export {
  type ChartInput,
  type ChartOptions,
  type LabelledHistograms,
  renderHtmlReport,
  renderLatencyChart,
} from './report-chart.ts';
export { formatTable, type TableOptions } from './report-table.ts';
export { RollingHistogram, type RollingHistogramOptions } from './rolling-histogram.ts';
