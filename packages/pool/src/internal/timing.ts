import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/** Percentiles of a timing histogram, in milliseconds. */
export interface TimingSummary {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly max: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

/** A histogram of durations recorded in microseconds (perf_hooks, ~30 ns per record). */
export function createTimingHistogram(): RecordableHistogram {
  return createHistogram({ lowest: 1, highest: 3_600_000_000, figures: 2 });
}

/** Records a duration given in milliseconds. */
export function recordMs(histogram: RecordableHistogram, ms: number): void {
  histogram.record(Math.max(1, Math.round(ms * 1000)));
}

/** Summarises a histogram in milliseconds; all zeros when it is empty. */
export function summarize(histogram: RecordableHistogram): TimingSummary {
  const count = histogram.count;
  if (count === 0) return { count, min: 0, mean: 0, max: 0, p50: 0, p90: 0, p99: 0 };
  const ms = (us: number): number => us / 1000;
  return {
    count,
    min: ms(histogram.min),
    mean: ms(histogram.mean),
    max: ms(histogram.max),
    p50: ms(histogram.percentile(50)),
    p90: ms(histogram.percentile(90)),
    p99: ms(histogram.percentile(99)),
  };
}
