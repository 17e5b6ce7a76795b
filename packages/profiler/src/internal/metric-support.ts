import { ProfilerArgumentError } from '../errors.ts';
import type { MetricFamily } from '../metric-family.ts';
import type { MetricOptions } from '../metrics.ts';
import type { HitRateCell } from './cells.ts';
import type { SeriesStore } from './series-store.ts';

export function valueFamily(
  name: string,
  type: 'counter' | 'gauge',
  options: MetricOptions,
  store: SeriesStore<{ readonly value: number }>,
): MetricFamily {
  const samples = [...store.entries()].map((s) => ({ labels: s.labels, value: s.state.value }));
  return { name, help: options.help ?? name, type, samples };
}

export function hitRateFamilies(
  name: string,
  options: MetricOptions,
  store: SeriesStore<HitRateCell>,
): MetricFamily[] {
  const series = [...store.entries()];
  const help = options.help ?? name;
  const family = (
    suffix: string,
    type: 'counter' | 'gauge',
    pick: (cell: HitRateCell) => number,
  ): MetricFamily => ({
    name: `${name}${suffix}`,
    help: `${help} (${suffix.slice(1).replaceAll('_', ' ')})`,
    type,
    samples: series.map((s) => ({ labels: s.labels, value: pick(s.state) })),
  });
  return [
    family('_hits_total', 'counter', (cell) => cell.hits),
    family('_misses_total', 'counter', (cell) => cell.misses),
    family('_hit_ratio', 'gauge', (cell) => cell.ratio),
  ];
}

export function checkMaxSeries(value: number, argument: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new ProfilerArgumentError(argument, 'an integer >= 1', value);
  return value;
}

export function checkBounds(bounds: readonly number[]): number[] {
  const sorted = [...bounds].sort((a, b) => a - b);
  if (
    sorted.length === 0 ||
    sorted.some((b, i) => !Number.isFinite(b) || (i > 0 && b === sorted[i - 1]))
  ) {
    throw new ProfilerArgumentError(
      'options.buckets',
      'a non-empty list of distinct finite numbers',
      bounds.join(','),
    );
  }
  return sorted;
}
