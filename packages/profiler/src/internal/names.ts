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

/** True when `name` is a usable label name (Prometheus reserves names starting with `__`). */
export function isLabelName(name: string): boolean {
  return LABEL_NAME.test(name) && !name.startsWith('__');
}

/** Turns any string (a channel name) into a metric-name fragment. */
export function toMetricName(text: string): string {
  const name = text.replace(/[^a-zA-Z0-9_]+/g, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
