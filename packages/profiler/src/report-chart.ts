import type { Histogram } from './histogram.ts';
import type { Profiler } from './profiler.ts';
import { formatTable } from './report-table.ts';

/** Anything with labelled histograms, such as a {@link Profiler}. */
export interface LabelledHistograms {
  labels(): string[];
  histogram(label: string): Histogram;
}

/** What the chart reads: a profiler, or histograms by label. */
export type ChartInput = LabelledHistograms | ReadonlyMap<string, Histogram>;

/** Options of {@link renderLatencyChart} and {@link renderHtmlReport}. */
export interface ChartOptions {
  /** Chart title. @default 'Latency distribution' */
  readonly title?: string;
  /** Unit of the values, shown on the y axis. @default 'ms' */
  readonly unit?: string;
  /** Width in px. @default 800 */
  readonly width?: number;
  /** Height in px. @default 420 */
  readonly height?: number;
}

const PALETTE = [
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#9333ea',
  '#ea580c',
  '#0891b2',
  '#be185d',
  '#4d7c0f',
];
const NINES = 3; // x axis runs from p0 to p99.9
const X_TICKS: readonly (readonly [number, string])[] = [
  [0, 'p0'],
  [Math.log10(2), 'p50'],
  [1, 'p90'],
  [2, 'p99'],
  [3, 'p99.9'],
];
const MARGIN = { top: 40, right: 150, bottom: 40, left: 70 };

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function series(input: ChartInput): [string, Histogram][] {
  const entries: [string, Histogram][] = isMap(input)
    ? [...input]
    : input.labels().map((label) => [label, input.histogram(label)]);
  return entries.filter(([, h]) => h.count > 0);
}

function isMap(input: ChartInput): input is ReadonlyMap<string, Histogram> {
  return input instanceof Map;
}

// Percentile curve: x = -log10(1 - q), so every "nine" gets the same width.
function curve(histogram: Histogram): [number, number][] {
  const xs = Array.from({ length: 61 }, (_, i) => (i / 60) * NINES);
  const values = histogram.percentiles(xs.map((x) => 1 - 10 ** -x));
  return xs.map((x, i) => [x, values[i]!]);
}

function yTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
    for (const m of [1, 2, 5])
      if (Math.log10(m * 10 ** e) >= lo && Math.log10(m * 10 ** e) <= hi) ticks.push(m * 10 ** e);
  }
  return ticks;
}

/**
 * Renders a self-contained SVG (no scripts, no external assets) of each label's
 * latency percentile curve, p0 to p99.9 on a "nines" axis and values on a log axis.
 *
 * @example
 * ```ts
 * await writeFile('latency.svg', renderLatencyChart(profiler));
 * ```
 */
export function renderLatencyChart(input: ChartInput, options: ChartOptions = {}): string {
  const { width = 800, height = 420, unit = 'ms', title = 'Latency distribution' } = options;
  const data = series(input).map(([label, h]) => [label, curve(h)] as const);
  const frame = frameFor(
    data.flatMap(([, points]) => points.map(([, v]) => v)),
    width,
    height,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="24" font-size="15" font-weight="600">${escapeXml(title)}</text>`,
    ...axes(frame, unit),
    ...data.flatMap(([label, points], i) => line(frame, label, points, i)),
    '</svg>',
  ].join('\n');
}

interface Frame {
  readonly width: number;
  readonly height: number;
  readonly lo: number;
  readonly hi: number;
  readonly x: (nines: number) => number;
  readonly y: (value: number) => number;
}

function frameFor(values: number[], width: number, height: number): Frame {
  const logs = values.map((v) => Math.log10(Math.max(v, 1e-12)));
  const lo = logs.length ? Math.min(...logs) : 0;
  const hi = Math.max(lo + 1, logs.length ? Math.max(...logs) : 1);
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const x = (nines: number): number => MARGIN.left + (nines / NINES) * plotW;
  const y = (value: number): number =>
    MARGIN.top + plotH - ((Math.log10(Math.max(value, 1e-12)) - lo) / (hi - lo)) * plotH;
  return { width, height, lo, hi, x, y };
}

function axes(f: Frame, unit: string): string[] {
  const top = MARGIN.top;
  const bottom = f.height - MARGIN.bottom;
  const right = f.width - MARGIN.right;
  return [
    ...X_TICKS.flatMap(([nines, name]) => [
      `<line x1="${f.x(nines)}" x2="${f.x(nines)}" y1="${top}" y2="${bottom}" stroke="#e5e7eb"/>`,
      `<text x="${f.x(nines)}" y="${f.height - 18}" text-anchor="middle">${name}</text>`,
    ]),
    ...yTicks(f.lo, f.hi).flatMap((tick) => [
      `<line x1="${MARGIN.left}" x2="${right}" y1="${f.y(tick)}" y2="${f.y(tick)}" stroke="#e5e7eb"/>`,
      `<text x="${MARGIN.left - 6}" y="${f.y(tick) + 4}" text-anchor="end">${tick} ${escapeXml(unit)}</text>`,
    ]),
  ];
}

function line(f: Frame, label: string, points: [number, number][], index: number): string[] {
  const color = PALETTE[index % PALETTE.length]!;
  const path = points.map(([x, v]) => `${f.x(x).toFixed(1)},${f.y(v).toFixed(1)}`).join(' ');
  const legendX = f.width - MARGIN.right + 14;
  const legendY = MARGIN.top + 10 + index * 18;
  return [
    `<polyline fill="none" stroke="${color}" stroke-width="2" points="${path}"><title>${escapeXml(label)}</title></polyline>`,
    `<rect x="${legendX}" y="${legendY - 8}" width="12" height="3" fill="${color}"/>`,
    `<text x="${legendX + 18}" y="${legendY}">${escapeXml(label)}</text>`,
  ];
}

/**
 * A self-contained HTML page: the latency chart and the statistics table.
 *
 * @example
 * ```ts
 * await writeFile('profile.html', renderHtmlReport(profiler, { title: 'LLM calls' }));
 * ```
 */
export function renderHtmlReport(input: ChartInput, options: ChartOptions = {}): string {
  const title = escapeXml(options.title ?? 'Latency distribution');
  const stats = Object.fromEntries(series(input).map(([label, h]) => [label, h.stats()]));
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; margin: 24px">',
    renderLatencyChart(input, options),
    `<pre style="font-size: 13px">${escapeXml(formatTable(stats, { unit: options.unit ?? 'ms' }))}</pre>`,
    '</body></html>',
  ].join('\n');
}
