import type { CompareReport } from '../compare.ts';
import type { SuiteReport } from '../run-suite.ts';

/** One row of a ratio chart: a point with its confidence interval. */
export interface ChartRow {
  readonly label: string;
  readonly ratio: number;
  readonly low: number;
  readonly high: number;
  /** Drawn in red. */
  readonly bad: boolean;
  /** A per-row marker, for example a target's `min`. */
  readonly marker?: number;
}

/** A vertical reference line of a ratio chart. */
export interface ChartLine {
  readonly value: number;
  readonly label: string;
  readonly dashed?: boolean;
}

const LABEL_WIDTH = 300;
const LABEL_CHARS = 46;
const PLOT_WIDTH = 420;
const VALUE_WIDTH = 170;
const ROW = 26;
const TOP = 48;
const BOTTOM = 36;

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function shorten(label: string): string {
  if (label.length <= LABEL_CHARS) return label;
  // Keep both ends: the scenario's start and the task / peer at the end tell rows apart.
  const head = Math.floor((LABEL_CHARS - 1) / 2);
  return `${label.slice(0, head)}…${label.slice(label.length - (LABEL_CHARS - 1 - head))}`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function valueText(row: ChartRow): string {
  const digits = row.high >= 10 ? 1 : 3;
  return `${row.ratio.toFixed(digits)}× [${row.low.toFixed(digits)}, ${row.high.toFixed(digits)}]`;
}

function scaleFor(
  rows: readonly ChartRow[],
  lines: readonly ChartLine[],
): (value: number) => number {
  const values = [
    ...rows.flatMap((r) => [r.low, r.high, r.marker ?? r.ratio]),
    ...lines.map((l) => l.value),
  ];
  const lo = Math.log(Math.min(...values)) - 0.02;
  const hi = Math.log(Math.max(...values)) + 0.02;
  return (value) => round(LABEL_WIDTH + ((Math.log(value) - lo) / (hi - lo)) * PLOT_WIDTH);
}

function rowSvg(row: ChartRow, index: number, x: (value: number) => number): string {
  const y = TOP + index * ROW + ROW / 2;
  const color = row.bad ? '#d62728' : '#1f77b4';
  const marker =
    row.marker === undefined
      ? ''
      : `<line x1="${x(row.marker)}" x2="${x(row.marker)}" y1="${y - 8}" y2="${y + 8}" stroke="#555" stroke-width="2"/>`;
  return [
    `<text x="${LABEL_WIDTH - 8}" y="${y + 4}" text-anchor="end"><title>${escapeXml(row.label)}</title>${escapeXml(shorten(row.label))}</text>`,
    `<line x1="${x(row.low)}" x2="${x(row.high)}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="2"/>`,
    marker,
    `<circle cx="${x(row.ratio)}" cy="${y}" r="4" fill="${color}"><title>${valueText(row)}</title></circle>`,
    `<text x="${LABEL_WIDTH + PLOT_WIDTH + 16}" y="${y + 4}" fill="${color}">${valueText(row)}</text>`,
  ].join('');
}

function lineSvg(line: ChartLine, height: number, x: (value: number) => number): string {
  const dash = line.dashed ? ' stroke-dasharray="4 3"' : '';
  return `<line x1="${x(line.value)}" x2="${x(line.value)}" y1="${TOP - 6}" y2="${height - BOTTOM}" stroke="#999"${dash}/><text x="${x(line.value)}" y="${height - BOTTOM + 16}" text-anchor="middle" fill="#555">${escapeXml(line.label)}</text>`;
}

/**
 * A self-contained SVG forest plot: one row per benchmark with its ratio (dot) and 95%
 * interval (bar) on a log scale, plus vertical reference lines.
 */
export function ratioChartSvg(
  title: string,
  rows: readonly ChartRow[],
  lines: readonly ChartLine[],
): string {
  const height = TOP + Math.max(rows.length, 1) * ROW + BOTTOM;
  const width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
  const x = scaleFor(
    rows.length ? rows : [{ label: '', ratio: 1, low: 1, high: 1, bad: false }],
    lines,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="22" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    ...lines.map((line) => lineSvg(line, height, x)),
    ...rows.map((row, index) => rowSvg(row, index, x)),
    '</svg>',
    '',
  ].join('\n');
}

/** The chart of a run: each throughput ratio task/peer with its interval and target. */
export function suiteChartSvg(report: SuiteReport): string {
  const rows = report.scenarios.flatMap((scenario) =>
    scenario.ratios.map((r) => ({
      label: `${scenario.name}: ${r.task} / ${r.peer}`,
      ratio: r.ratio,
      low: r.low,
      high: r.high,
      bad: r.verdict === 'broken',
      ...(r.min === undefined ? {} : { marker: r.min }),
    })),
  );
  return ratioChartSvg('Throughput ratio to peer (95% CI; tick = target)', rows, [
    { value: 1, label: '1×' },
  ]);
}

/** The chart of a comparison: each head/base cost ratio with its interval and the threshold. */
export function compareChartSvg(report: CompareReport): string {
  const step = 1 + report.threshold;
  const rows = report.benchmarks.map((b) => ({
    label: `${b.scenario} › ${b.task}`,
    ratio: b.ratio,
    low: b.low,
    high: b.high,
    bad: b.verdict === 'regression',
  }));
  return ratioChartSvg('Head / base time per call (95% CI)', rows, [
    { value: 1 / step, label: `−${(report.threshold * 100).toFixed(0)}%`, dashed: true },
    { value: 1, label: '1×' },
    { value: step, label: `+${(report.threshold * 100).toFixed(0)}%`, dashed: true },
  ]);
}
