import { MetricConflictError } from './errors.ts';
import { Histogram, type HistogramOptions } from './histogram.ts';
import {
  type BoundCounter,
  type BoundGauge,
  type BoundHitRate,
  CounterCell,
  GaugeCell,
  HitRateCell,
} from './internal/cells.ts';
import { DEFAULT_QUANTILES, toDistributionSample } from './internal/distribution.ts';
import {
  checkBounds,
  checkMaxSeries,
  hitRateFamilies,
  valueFamily,
} from './internal/metric-support.ts';
import { checkMetricName, reservedLabelOf } from './internal/names.ts';
import {
  COUNTER_OPTIONS,
  checkKeys,
  GAUGE_OPTIONS,
  HISTOGRAM_METRIC_OPTIONS,
  METRICS_OPTIONS,
} from './internal/option-keys.ts';
import { SeriesStore } from './internal/series-store.ts';
import type { Labels, MetricFamily, MetricSource } from './metric-family.ts';

export type { BoundCounter, BoundGauge, BoundHitRate };

/** Options shared by every metric. */
export interface MetricOptions {
  /** The `# HELP` text. @default the metric name */
  readonly help?: string;
  /** Cardinality guard: label sets past this many share one `__overflow__` series. @default the collector's maxSeries */
  readonly maxSeries?: number;
}

/** Options of {@link Metrics.gauge}. */
export interface GaugeOptions extends MetricOptions {
  /** Called before each collection to set the gauge's values (for example from `process.memoryUsage()`). */
  readonly collect?: (gauge: Gauge) => void;
}

/** Options of {@link Metrics.histogram}. */
export interface HistogramMetricOptions extends MetricOptions, HistogramOptions {
  /** Quantiles exported for a summary. @default [0.5, 0.9, 0.95, 0.99, 0.999] */
  readonly quantiles?: readonly number[];
  /**
   * Upper bounds (`le`) to export a Prometheus `histogram` instead of a `summary`.
   * Counts per bound come from the log-linear buckets, within their precision.
   */
  readonly buckets?: readonly number[];
}

/** A monotonically increasing count, per label set. */
export interface Counter {
  /** Adds 1 to the series of `labels` (or the unlabelled series). */
  inc(labels?: Labels): void;
  /** Adds `value` (finite, >= 0) to the series of `labels`. */
  add(value: number, labels?: Labels): void;
  /** The series for `labels`, bound once for hot paths. */
  with(labels: Labels): BoundCounter;
}

/** A value that goes up and down, per label set. */
export interface Gauge {
  /** Sets the series of `labels` to `value`. */
  set(value: number, labels?: Labels): void;
  /** Adds `delta` (may be negative) to the series of `labels`. */
  add(delta: number, labels?: Labels): void;
  /** The series for `labels`, bound once for hot paths. */
  with(labels: Labels): BoundGauge;
}

/** A distribution (log-linear {@link Histogram}) per label set. */
export interface HistogramMetric {
  /** Records `value` (finite, >= 0) in the series of `labels`. */
  observe(value: number, labels?: Labels): void;
  /** The series' histogram for `labels`; call `record()` on it in hot paths. */
  with(labels: Labels): Histogram;
}

/** Hits and misses per label set, exported as two counters and a ratio gauge. */
export interface HitRate {
  /** Counts one hit for `labels`. */
  hit(labels?: Labels): void;
  /** Counts one miss for `labels`. */
  miss(labels?: Labels): void;
  /** The series for `labels`, bound once for hot paths. */
  with(labels: Labels): BoundHitRate;
}

/** What {@link createMetrics} returns. */
export interface Metrics extends MetricSource {
  /** A counter, exported as `name` (end it in `_total`). Returns the existing one when registered again. */
  counter(name: string, options?: MetricOptions): Counter;
  /** A gauge, exported as `name`. Returns the existing one when registered again. */
  gauge(name: string, options?: GaugeOptions): Gauge;
  /**
   * A distribution, exported as a Prometheus `summary` (or a `histogram` when `buckets` is
   * given). Returns the existing one when registered again.
   */
  histogram(name: string, options?: HistogramMetricOptions): HistogramMetric;
  /** Exported as `<name>_hits_total`, `<name>_misses_total` and `<name>_hit_ratio`. */
  hitRate(name: string, options?: MetricOptions): HitRate;
  /** Unregisters a metric; returns whether it existed. */
  remove(name: string): boolean;
  /** Updates sent to each metric's `__overflow__` series so far, by metric name (only those with any). */
  overflows(): Record<string, number>;
  /** Drops every series of every metric (the metrics stay registered). */
  reset(): void;
}

/** Options of {@link createMetrics}. */
export interface MetricsOptions {
  /** Default cardinality guard per metric. @default 1000 */
  readonly maxSeries?: number;
}

interface Entry {
  readonly type: string;
  readonly api: unknown;
  readonly store: SeriesStore<unknown>;
  readonly collect: () => MetricFamily[];
}

class MetricsImpl implements Metrics {
  readonly #entries = new Map<string, Entry>();
  readonly #maxSeries: number;

  constructor(options: MetricsOptions) {
    this.#maxSeries = checkMaxSeries(options.maxSeries ?? 1000, 'options.maxSeries');
  }

  counter(name: string, options: MetricOptions = {}): Counter {
    checkKeys('options', options, COUNTER_OPTIONS);
    return this.#register(
      name,
      'counter',
      options,
      () => new CounterCell(),
      (store) => ({
        api: {
          inc: (labels?: Labels) => store.get(labels).inc(),
          add: (value: number, labels?: Labels) => store.get(labels).add(value),
          with: (labels: Labels) => store.get(labels),
        } satisfies Counter,
        collect: () => [valueFamily(name, 'counter', options, store)],
      }),
    ) as Counter;
  }

  gauge(name: string, options: GaugeOptions = {}): Gauge {
    checkKeys('options', options, GAUGE_OPTIONS);
    return this.#register(
      name,
      'gauge',
      options,
      () => new GaugeCell(),
      (store) => {
        const api: Gauge = {
          set: (value, labels) => store.get(labels).set(value),
          add: (delta, labels) => store.get(labels).add(delta),
          with: (labels) => store.get(labels),
        };
        return {
          api,
          collect: () => {
            options.collect?.(api);
            return [valueFamily(name, 'gauge', options, store)];
          },
        };
      },
    ) as Gauge;
  }

  histogram(name: string, options: HistogramMetricOptions = {}): HistogramMetric {
    checkKeys('options', options, HISTOGRAM_METRIC_OPTIONS);
    const quantiles = options.quantiles ?? DEFAULT_QUANTILES;
    const { precisionBits, lowest, highest } = options;
    // Each series' histogram gets only the histogram's own options.
    const shape: HistogramOptions = {
      ...(precisionBits === undefined ? {} : { precisionBits }),
      ...(lowest === undefined ? {} : { lowest }),
      ...(highest === undefined ? {} : { highest }),
    };
    // Fails fast on bad histogram options or quantiles, before anything is registered.
    new Histogram(shape).percentiles(quantiles);
    const bounds = options.buckets && checkBounds(options.buckets);
    return this.#register(
      name,
      bounds ? 'histogram' : 'summary',
      options,
      () => new Histogram(shape),
      (store) => ({
        api: {
          observe: (value: number, labels?: Labels) => store.get(labels).record(value),
          with: (labels: Labels) => store.get(labels),
        } satisfies HistogramMetric,
        collect: () => {
          const samples = [...store.entries()].map((s) =>
            toDistributionSample(s.labels, s.state, quantiles, bounds),
          );
          return [
            { name, help: options.help ?? name, type: bounds ? 'histogram' : 'summary', samples },
          ];
        },
      }),
    ) as HistogramMetric;
  }

  hitRate(name: string, options: MetricOptions = {}): HitRate {
    return this.#register(
      name,
      'hit rate',
      options,
      () => new HitRateCell(),
      (store) => ({
        api: {
          hit: (labels?: Labels) => store.get(labels).hit(),
          miss: (labels?: Labels) => store.get(labels).miss(),
          with: (labels: Labels) => store.get(labels),
        } satisfies HitRate,
        collect: () => hitRateFamilies(name, options, store),
      }),
    ) as HitRate;
  }

  remove(name: string): boolean {
    return this.#entries.delete(name);
  }

  overflows(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, entry] of this.#entries)
      if (entry.store.overflowed > 0) out[name] = entry.store.overflowed;
    return out;
  }

  reset(): void {
    for (const entry of this.#entries.values()) entry.store.clear();
  }

  collect(): MetricFamily[] {
    const families = [...this.#entries.values()].flatMap((entry) => entry.collect());
    const overflows = Object.entries(this.overflows());
    if (overflows.length === 0) return families;
    const samples = overflows.map(([metric, value]) => ({ labels: { metric }, value }));
    const help = "Updates redirected to a metric's __overflow__ series by the cardinality guard.";
    return [
      ...families,
      { name: 'hotpath_metrics_series_overflow_total', help, type: 'counter', samples },
    ];
  }

  #register<S>(
    name: string,
    type: string,
    options: MetricOptions,
    create: () => S,
    build: (store: SeriesStore<S>) => { api: unknown; collect: () => MetricFamily[] },
  ): unknown {
    const existing = this.#entries.get(checkMetricName(name));
    if (existing !== undefined) {
      if (existing.type !== type) throw new MetricConflictError(name, existing.type, type);
      return existing.api;
    }
    const store = new SeriesStore(
      name,
      create,
      checkMaxSeries(options.maxSeries ?? this.#maxSeries, 'options.maxSeries'),
      reservedLabelOf(type),
    );
    const entry = { type, store: store as SeriesStore<unknown>, ...build(store) };
    this.#entries.set(name, entry);
    return entry.api;
  }
}

/**
 * Creates a metrics collector: counters, gauges, histograms and hit-rate pairs
 * with labels, each guarded against label-cardinality explosions.
 *
 * @example
 * ```ts
 * const metrics = createMetrics();
 * const requests = metrics.counter('llm_requests_total', { help: 'LLM calls' });
 * requests.inc({ model: 'gpt-4o' });
 * const cache = metrics.hitRate('llm_cache');
 * cache.hit(); cache.miss();
 * ```
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
  checkKeys('options', options, METRICS_OPTIONS);
  return new MetricsImpl(options);
}
