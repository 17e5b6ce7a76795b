const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 2 });

/** `1234567` → `1.23M`. */
export function formatCount(value: number): string {
  return compact.format(value);
}

/** A ratio as `1.23×`. */
export function formatRatio(value: number): string {
  return `${value.toFixed(value >= 10 ? 1 : 3)}×`;
}

/** A confidence interval as `[0.981, 1.020]`. */
export function formatInterval(low: number, high: number): string {
  return `[${low.toFixed(3)}, ${high.toFixed(3)}]`;
}

/** A cost ratio as a signed percentage change: `1.10` → `+10.0%`. */
export function formatChange(ratio: number): string {
  const percent = (ratio - 1) * 100;
  return `${percent >= 0 ? '+' : ''}${percent.toFixed(1)}%`;
}

/** A p-value, `<0.001` below a thousandth. */
export function formatP(p: number): string {
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** Renders rows as an aligned plain-text table (first row is the header). */
export function alignTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, column) =>
    Math.max(...rows.map((row) => [...(row[column] ?? '')].length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
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
