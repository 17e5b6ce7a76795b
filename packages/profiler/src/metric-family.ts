import type { HistogramStats } from './histogram.ts';

/** Label names to values of one series. */
export type Labels = Readonly<Record<string, string>>;

/** A counter or gauge series at collection time. */
export interface ValueSample {
  /** The series' labels. */
  readonly labels: Labels;
  /** The counter's total or the gauge's value. */
  readonly value: number;
}

/** A distribution series (summary or histogram) at collection time. */
export interface DistributionSample {
  /** The series' labels. */
  readonly labels: Labels;
  /** Values recorded (all time). */
  readonly count: number;
  /** Sum of the values recorded (all time). */
  readonly sum: number;
  /** Quantile (0..1) → value, read from the log-linear histogram. */
  readonly quantiles: readonly (readonly [quantile: number, value: number])[];
  /** Cumulative counts at each upper bound, for `histogram` families; ends with `+Inf`. */
  readonly buckets?: readonly (readonly [le: number, count: number])[];
  /** count, mean, min, max and the standard percentiles of the series. */
  readonly stats: HistogramStats;
}

/** A collected counter or gauge. */
export interface ValueFamily {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge';
  readonly samples: readonly ValueSample[];
}

/** A collected summary (quantiles) or histogram (cumulative buckets). */
export interface DistributionFamily {
  readonly name: string;
  readonly help: string;
  readonly type: 'summary' | 'histogram';
  readonly samples: readonly DistributionSample[];
}

/** A collected metric: name, help and typed samples. This is also the JSON export's shape. */
export type MetricFamily = ValueFamily | DistributionFamily;

/** True for summary and histogram families. */
export function isDistributionFamily(family: MetricFamily): family is DistributionFamily {
  return family.type === 'summary' || family.type === 'histogram';
}

/** Anything the exporters can read: a profiler, a metrics collector, or your own. */
export interface MetricSource {
  /** Returns the current value of every metric. */
  collect(): MetricFamily[];
}

/** Collects every source, in order, into one list. */
export function collectAll(sources: MetricSource | readonly MetricSource[]): MetricFamily[] {
  return (Array.isArray(sources) ? sources : [sources]).flatMap((source: MetricSource) =>
    source.collect(),
  );
}
