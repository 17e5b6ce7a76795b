import {
  type CollectDiagnosticsOptions,
  collectDiagnostics,
  createMetrics,
  createPrometheusHandler,
  exportToOpenTelemetry,
  formatPrometheus,
  type MetricSource,
  type Metrics,
  type MetricsJson,
  type OpenTelemetryExportOptions,
  type PrometheusHandler,
  toJSON,
} from '@hotpath/profiler';
import {
  checkKnownKeys,
  type KnownKeys,
  knownKeys,
  type Plugin,
  type PluginContext,
} from '@hotpath/protocol';
import { callInstruments, SeriesCache } from './call-metrics.ts';
import { MetricsPluginArgumentError } from './errors.ts';
import {
  completeMiddleware,
  embedMiddleware,
  streamMiddleware,
  toolMiddleware,
} from './middleware.ts';

/** The `metrics` service: the collector other plugins record into, and its exports. */
export interface MetricsService {
  /** The collector: other plugins add their own counters, gauges and histograms here. */
  readonly metrics: Metrics;
  /** Everything exported: the collector plus the `sources` option. */
  readonly sources: readonly MetricSource[];
  /** The Prometheus text exposition (format 0.0.4) of every source. */
  prometheus(): string;
  /** A `node:http` handler serving {@link MetricsService.prometheus} to scrapers. */
  readonly handler: PrometheusHandler;
  /** Every metric as JSON-safe data. */
  json(): MetricsJson;
  /**
   * Drops every series of the collector, for example between test cases. Use this rather than
   * `metrics.reset()`, which would leave the plugin recording into series it no longer exports.
   */
  reset(): void;
}

declare module '@hotpath/protocol' {
  interface Services {
    /** Provided by `@hotpath/plugin-metrics`. */
    metrics: MetricsService;
  }
}

/** Options of {@link metricsPlugin}. */
export interface MetricsPluginOptions {
  /** The collector to record into (share one with the rest of your app). @default createMetrics() */
  readonly metrics?: Metrics;
  /** More sources to export with it, for example a `createProfiler()`. @default [] */
  readonly sources?: readonly MetricSource[];
  /** Name prefix of the call metrics. @default 'hotpath_llm' */
  readonly prefix?: string;
  /**
   * Subscribe to hotpath's diagnostics channels (cache hits and misses, executor retries, pool
   * connections, stream TTFT …) through the profiler's `collectDiagnostics`; `false` turns it off.
   * @default true (DEFAULT_CHANNELS)
   */
  readonly diagnostics?: boolean | CollectDiagnosticsOptions;
  /**
   * Export to OpenTelemetry through the profiler's exporter: `true` uses the global meter of
   * `@opentelemetry/api` (install it), or pass `{ meter }`. @default false
   */
  readonly openTelemetry?: boolean | OpenTelemetryExportOptions;
}

const PREFIX = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function checkOptions(options: MetricsPluginOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new MetricsPluginArgumentError('options', 'an object');
  }
  if (options.prefix !== undefined && !PREFIX.test(options.prefix)) {
    throw new MetricsPluginArgumentError('options.prefix', 'a Prometheus metric name prefix');
  }
  if (options.sources !== undefined && !Array.isArray(options.sources)) {
    throw new MetricsPluginArgumentError('options.sources', 'an array of metric sources');
  }
}

function metricsService(
  metrics: Metrics,
  extra: readonly MetricSource[],
  series: SeriesCache,
): MetricsService {
  const sources = [metrics, ...extra];
  return {
    reset: () => {
      metrics.reset();
      series.clear();
    },
    metrics,
    sources,
    prometheus: () => formatPrometheus(sources),
    handler: createPrometheusHandler(sources),
    json: () => toJSON(sources),
  };
}

function startDiagnostics(
  context: PluginContext,
  metrics: Metrics,
  options: MetricsPluginOptions,
): void {
  if (options.diagnostics === false) return;
  const collector = collectDiagnostics(
    metrics,
    typeof options.diagnostics === 'object' ? options.diagnostics : {},
  );
  context.onClose(() => collector.close());
}

async function startOpenTelemetry(
  context: PluginContext,
  service: MetricsService,
  options: MetricsPluginOptions,
): Promise<void> {
  if (!options.openTelemetry) return;
  const exporter = await exportToOpenTelemetry(
    service.sources,
    typeof options.openTelemetry === 'object' ? options.openTelemetry : {},
  );
  context.onClose(() => exporter.close());
}

const OPTIONS: KnownKeys = knownKeys<MetricsPluginOptions>({
  metrics: true,
  sources: true,
  prefix: true,
  diagnostics: true,
  openTelemetry: true,
});

/**
 * A host plugin that measures every `complete`, `stream`, `embed` and tool call (latency by model
 * or tool, outcome and cache status; TTFT and output tokens/s of streams; token usage; errors by code), collects
 * hotpath's diagnostics channels, and provides the `metrics` service with Prometheus and JSON
 * export. Its middleware is `pre`, so latency includes every other plugin's work.
 *
 * @example
 * ```ts
 * const host = createHost({ plugins: [metricsPlugin(), cachePlugin()], provider });
 * await host.ready();
 * createServer(host.service('metrics').handler).listen(9464);
 * ```
 */

export function metricsPlugin(options: MetricsPluginOptions = {}): Plugin {
  checkOptions(options);
  checkKnownKeys(options, OPTIONS, 'options', (m) => new MetricsPluginArgumentError(m));
  return {
    name: 'metrics',
    async setup(context) {
      const metrics = options.metrics ?? createMetrics();
      const instruments = new SeriesCache(
        callInstruments(metrics, options.prefix ?? 'hotpath_llm'),
      );
      const service = metricsService(metrics, options.sources ?? [], instruments);
      context.wrap('complete', completeMiddleware(instruments), { order: 'pre' });
      context.wrap('stream', streamMiddleware(instruments), { order: 'pre' });
      context.wrap('embed', embedMiddleware(instruments), { order: 'pre' });
      context.wrap('tool', toolMiddleware(instruments), { order: 'pre' });
      // OpenTelemetry first: it is the step that can fail, before anything needs a teardown.
      await startOpenTelemetry(context, service, options);
      startDiagnostics(context, service.metrics, options);
      context.provide('metrics', service);
    },
  };
}
