/** Summary statistics of a histogram; all zero when it is empty. */
export interface HistogramStats {
  /** Values recorded. */
  readonly count: number;
  /** Exact sum. */
  readonly sum: number;
  /** Exact mean. */
  readonly mean: number;
  /** Exact smallest value. */
  readonly min: number;
  /** Exact largest value. */
  readonly max: number;
  /** Median. */
  readonly p50: number;
  /** 90th percentile. */
  readonly p90: number;
  /** 95th percentile. */
  readonly p95: number;
  /** 99th percentile. */
  readonly p99: number;
  /** 99.9th percentile. */
  readonly p999: number;
}

/** One non-empty bucket: values in `[lower, upper)` were recorded `count` times. */
export interface HistogramBucket {
  /** Inclusive lower bound. */
  readonly lower: number;
  /** Exclusive upper bound. */
  readonly upper: number;
  /** Values recorded in the bucket. */
  readonly count: number;
}
