import type { HistogramStats } from './histogram.ts';

/** Options of {@link formatTable}. */
export interface TableOptions {
  /** Unit printed in the header, for example `ms`. @default 'ms' */
  readonly unit?: string;
  /** Significant digits of each value. @default 3 */
  readonly digits?: number;
}

const COLUMNS = ['count', 'mean', 'min', 'p50', 'p90', 'p95', 'p99', 'p999', 'max'] as const;

function formatValue(value: number, digits: number): string {
  const magnitude = Math.abs(value);
  if (value === 0) return '0';
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(digits - 1);
  if (magnitude >= 10 ** digits) return Math.round(value).toString();
  return Number(value.toPrecision(digits)).toString();
}

/**
 * Renders statistics (for example `profiler.snapshot()`) as a plain-text
 * table for the terminal, one row per label.
 *
 * @example
 * ```ts
 * console.log(formatTable(profiler.snapshot()));
 * // label   count  mean  min  p50  p90  p95  p99  p99.9  max   (ms)
 * ```
 */
export function formatTable(
  stats: Readonly<Record<string, HistogramStats>>,
  options: TableOptions = {},
): string {
  const digits = options.digits ?? 3;
  const header = ['label', ...COLUMNS.map((c) => (c === 'p999' ? 'p99.9' : c))];
  const rows = Object.entries(stats).map(([label, s]) => [
    label,
    String(s.count),
    ...COLUMNS.slice(1).map((c) => formatValue(s[c], digits)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [`${line(header)}  (${options.unit ?? 'ms'})`, rule, ...rows.map(line)].join('\n');
}
