import type { Histogram } from '../histogram.ts';
import type { DistributionSample, Labels } from '../metric-family.ts';

/** The quantiles summaries export unless told otherwise. */
export const DEFAULT_QUANTILES: readonly number[] = [0.5, 0.9, 0.95, 0.99, 0.999];

/** Turns a histogram into an exported sample: quantiles, and cumulative buckets when asked. */
export function toDistributionSample(
  labels: Labels,
  histogram: Histogram,
  quantiles: readonly number[],
  bounds?: readonly number[],
  totals: Histogram = histogram,
): DistributionSample {
  const stats = histogram.stats();
  const values =
    quantiles === DEFAULT_QUANTILES
      ? [stats.p50, stats.p90, stats.p95, stats.p99, stats.p999]
      : histogram.percentiles(quantiles);
  const sample = {
    labels,
    count: totals.count,
    sum: totals.sum,
    quantiles: quantiles.map((q, i) => [q, values[i]!] as const),
    stats,
  };
  if (bounds === undefined) return sample;
  const counts = totals.cumulativeCounts(bounds);
  const buckets = bounds.map((le, i) => [le, counts[i]!] as const);
  return { ...sample, buckets: [...buckets, [Number.POSITIVE_INFINITY, totals.count] as const] };
}
