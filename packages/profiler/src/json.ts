import { collectAll, type MetricFamily, type MetricSource } from './metric-family.ts';

/** The JSON export: when it was taken and every metric family. */
export interface MetricsJson {
  /** ISO-8601 time of collection. */
  readonly timestamp: string;
  readonly metrics: MetricFamily[];
}

/**
 * Collects the sources into a plain, `JSON.stringify`-safe object (non-finite
 * numbers such as a `+Inf` bucket bound become strings `"+Inf"`, `"-Inf"`, `"NaN"`).
 *
 * @example
 * ```ts
 * await writeFile('metrics.json', JSON.stringify(toJSON([profiler, metrics]), null, 2));
 * ```
 */
export function toJSON(sources: MetricSource | readonly MetricSource[]): MetricsJson {
  const metrics = JSON.parse(
    JSON.stringify(collectAll(sources), replaceNonFinite),
  ) as MetricFamily[];
  return { timestamp: new Date().toISOString(), metrics };
}

function replaceNonFinite(_key: string, value: unknown): unknown {
  if (typeof value !== 'number' || Number.isFinite(value)) return value;
  return Number.isNaN(value) ? 'NaN' : value > 0 ? '+Inf' : '-Inf';
}
