import { ProfilerArgumentError } from '../errors.ts';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Returns `name` when it is a valid Prometheus metric name, else throws a TypeError. */
export function checkMetricName(name: string, argument = 'name'): string {
  if (typeof name !== 'string' || !METRIC_NAME.test(name)) {
    throw new ProfilerArgumentError(
      argument,
      'a metric name matching [a-zA-Z_:][a-zA-Z0-9_:]*',
      name,
    );
  }
  return name;
}

/**
 * The label a distribution's exposition adds to its series: `le` on a histogram's buckets,
 * `quantile` on a summary's. A series label of that name would appear twice on one line.
 */
export function reservedLabelOf(type: string): string | undefined {
  return type === 'histogram' ? 'le' : type === 'summary' ? 'quantile' : undefined;
}

/** True when `name` is a usable label name (Prometheus reserves names starting with `__`). */
export function isLabelName(name: string): boolean {
  return LABEL_NAME.test(name) && !name.startsWith('__');
}

/** Turns any string (a channel name) into a metric-name fragment. */
export function toMetricName(text: string): string {
  const name = text.replace(/[^a-zA-Z0-9_]+/g, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
