/** Summary statistics of a histogram; all zero when it is empty. */
export interface HistogramStats {
  readonly count: number;
  readonly sum: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
  readonly p99: number;
  readonly p999: number;
}

/** One non-empty bucket: values in `[lower, upper)` were recorded `count` times. */
export interface HistogramBucket {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
}
