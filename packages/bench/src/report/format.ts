const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 2 });

/** `1234567` → `1.23M`. */
export function formatCount(value: number): string {
  return compact.format(value);
}

/** A ratio as `1.23×`. */
export function formatRatio(value: number): string {
  return `${value.toFixed(value >= 10 ? 1 : 3)}×`;
}

/** A target's floor as written (`≥ 0.8×`), a computed one cut to 4 significant digits (`≥ 1.001×`). */
export function formatMin(min: number): string {
  return `≥ ${Number(min.toPrecision(4))}×`;
}

/** A confidence interval of ratios as `[0.981, 1.020]`. */
export function formatInterval(low: number, high: number): string {
  return `[${low.toFixed(3)}, ${high.toFixed(3)}]`;
}

/** A cost ratio as a signed percentage change: `1.10` → `+10.0%`, `0.9` → `−10.0%`. */
export function formatChange(ratio: number): string {
  const percent = (ratio - 1) * 100;
  const digits = Math.abs(percent) >= 100 ? 0 : 1;
  const text = Math.abs(percent).toFixed(digits);
  return `${percent < 0 && Number(text) !== 0 ? '−' : '+'}${text}%`;
}

/** An interval of cost ratios as changes: `[+7.9%, +12.1%]`. */
export function formatChangeInterval(low: number, high: number): string {
  return `[${formatChange(low)}, ${formatChange(high)}]`;
}

const TIME_UNITS: readonly [number, string][] = [
  [1e3, 's'],
  [1, 'ms'],
  [1e-3, 'µs'],
  [1e-6, 'ns'],
];

/** A time in ms with a unit that keeps 3 significant digits: `0.00321` → `3.21 µs`. */
export function formatTime(ms: number): string {
  const [scale, unit] = TIME_UNITS.find(([scale]) => ms >= scale) ?? TIME_UNITS.at(-1)!;
  const value = ms / scale;
  return `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${unit}`;
}

/** A spread (standard deviation of the log) as a relative `±1.2%`. */
export function formatSpread(spread: number): string {
  return `±${(spread * 100).toFixed(spread >= 0.1 ? 0 : 1)}%`;
}

/** A time per call with its spread: `3.21 µs ±1.2%`. */
export function formatCost(cost: { readonly msPerCall: number; readonly spread: number }): string {
  return `${formatTime(cost.msPerCall)} ${formatSpread(cost.spread)}`;
}

/** A p-value, `<0.001` below a thousandth. */
export function formatP(p: number): string {
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** A fraction as a percentage without trailing zeros: `0.05` → `5%`, `0.025` → `2.5%`. */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}

/** Renders rows as an aligned plain-text table (first row is the header). */
export function alignTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) =>
    Math.max(...rows.map((row) => [...(row[column] ?? '')].length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell + ' '.repeat(widths[column]! - [...cell].length))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Renders rows as a Markdown table (first row is the header). */
export function markdownTable(rows: readonly (readonly string[])[]): string {
  const escapeCell = (cell: string): string => cell.replaceAll('|', '\\|');
  const [head, ...body] = rows;
  const line = (row: readonly string[]): string => `| ${row.map(escapeCell).join(' | ')} |`;
  return [line(head!), line(head!.map(() => '---')), ...body.map(line)].join('\n');
}
