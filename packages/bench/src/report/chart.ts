import type { CompareReport } from '../compare.ts';
import type { SuiteReport } from '../run-suite.ts';
import { niceTicks, ratioTickLabel, type Tick } from './axis.ts';
import {
  formatChange,
  formatChangeInterval,
  formatCost,
  formatInterval,
  formatMin,
  formatPercent,
  formatRatio,
  formatTime,
} from './format.ts';

/** One row of an interval chart: a point with its interval. */
export interface ChartRow {
  readonly label: string;
  readonly value: number;
  readonly low: number;
  readonly high: number;
  /** Drawn in red. */
  readonly bad: boolean;
  /** A per-row tick, for example a target's `min`. */
  readonly marker?: number;
  /** Printed right of the plot, for example `+9.6% [+7.9%, +11.4%]`. */
  readonly text: string;
}

/** A vertical reference line. */
export interface ChartLine {
  readonly value: number;
  readonly label: string;
  readonly dashed?: boolean;
}

/** What {@link intervalChartSvg} draws. */
export interface ChartSpec {
  readonly title: string;
  readonly rows: readonly ChartRow[];
  readonly lines?: readonly ChartLine[];
  /** `ratio`: ticks as changes (`+10%`) or factors (`2×`); `time`: ticks in ms, µs, ns. */
  readonly axis: 'ratio' | 'time';
  /** A line under the axis, for example what the intervals are. */
  readonly note?: string;
}

const LABEL_WIDTH = 300;
const LABEL_CHARS = 46;
const PLOT_WIDTH = 420;
const TEXT_WIDTH = 300;
const ROW = 26;
const TOP = 58;
const BOTTOM = 56;

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function shorten(label: string): string {
  const chars = [...label];
  if (chars.length <= LABEL_CHARS) return label;
  // Keep both ends: the scenario's start and the task at the end tell rows apart.
  const head = Math.floor((LABEL_CHARS - 1) / 2);
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (LABEL_CHARS - 1 - head)).join('')}`;
}

interface Scale {
  readonly x: (value: number) => number;
  readonly ticks: readonly Tick[];
}

function scaleFor(spec: ChartSpec): Scale {
  const values = [
    ...spec.rows.flatMap((r) => [r.low, r.high, r.value, ...(r.marker ? [r.marker] : [])]),
    ...(spec.lines ?? []).map((l) => l.value),
  ].filter((v) => v > 0 && Number.isFinite(v));
  const min = Math.min(...values, ...(values.length ? [] : [1]));
  const max = Math.max(...values, ...(values.length ? [] : [1]));
  const pad = Math.max(Math.log(max / min) * 0.06, 0.005);
  const [lo, hi] = [Math.log(min) - pad, Math.log(max) + pad];
  const x = (value: number): number =>
    Math.round((LABEL_WIDTH + ((Math.log(value) - lo) / (hi - lo)) * PLOT_WIDTH) * 10) / 10;
  const wide = Math.exp(hi - lo) >= 2.5;
  const ticks = niceTicks(Math.exp(lo), Math.exp(hi)).map((value) => ({
    value,
    label: spec.axis === 'time' ? formatTime(value) : ratioTickLabel(value, wide),
  }));
  return { x, ticks };
}

function rowSvg(row: ChartRow, index: number, x: Scale['x']): string {
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
    `<circle cx="${x(row.value)}" cy="${y}" r="4" fill="${color}"><title>${escapeXml(row.text)}</title></circle>`,
    `<text x="${LABEL_WIDTH + PLOT_WIDTH + 16}" y="${y + 4}" fill="${color}">${escapeXml(row.text)}</text>`,
  ].join('');
}

function axisSvg(scale: Scale, bottom: number): string[] {
  const left = LABEL_WIDTH;
  return [
    `<line x1="${left}" x2="${left + PLOT_WIDTH}" y1="${bottom}" y2="${bottom}" stroke="#333"/>`,
    ...scale.ticks.map(
      (tick) =>
        `<line x1="${scale.x(tick.value)}" x2="${scale.x(tick.value)}" y1="${TOP - 4}" y2="${bottom + 4}" stroke="#eee"/><text x="${scale.x(tick.value)}" y="${bottom + 18}" text-anchor="middle" fill="#333">${escapeXml(tick.label)}</text>`,
    ),
  ];
}

function lineSvg(line: ChartLine, bottom: number, x: Scale['x']): string {
  const dash = line.dashed ? ' stroke-dasharray="4 3"' : '';
  return `<line x1="${x(line.value)}" x2="${x(line.value)}" y1="${TOP - 10}" y2="${bottom}" stroke="#888"${dash}/><text x="${x(line.value)}" y="${TOP - 14}" text-anchor="middle" fill="#555">${escapeXml(line.label)}</text>`;
}

/**
 * A self-contained SVG forest plot: one row per item with its value (dot) and interval
 * (bar) on a log scale, an axis whose ticks fit the data, optional reference lines, and
 * each row's numbers printed beside it. An empty chart says so instead of drawing axes.
 */
export function intervalChartSvg(spec: ChartSpec): string {
  const rows = Math.max(spec.rows.length, 1);
  const bottom = TOP + rows * ROW;
  const height = bottom + BOTTOM;
  const width = LABEL_WIDTH + PLOT_WIDTH + TEXT_WIDTH;
  const scale = scaleFor(spec);
  const body = spec.rows.length
    ? [
        ...axisSvg(scale, bottom),
        ...(spec.lines ?? []).map((line) => lineSvg(line, bottom, scale.x)),
        ...spec.rows.map((row, index) => rowSvg(row, index, scale.x)),
      ]
    : [`<text x="${LABEL_WIDTH}" y="${TOP + ROW / 2}" fill="#555">Nothing to show.</text>`];
  const note = spec.note
    ? `<text x="10" y="${height - 10}" fill="#555" font-size="11">${escapeXml(spec.note)}</text>`
    : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    `<text x="10" y="22" font-size="14" font-weight="bold">${escapeXml(spec.title)}</text>`,
    ...body,
    note,
    '</svg>',
    '',
  ].join('\n');
}

/**
 * The chart of a run: the targets' throughput ratios (with each target's minimum as a
 * tick) when the suite has targets, else every task's time per call with its spread.
 */
export function suiteChartSvg(report: SuiteReport): string {
  const ratios = report.scenarios.flatMap((s) => s.ratios.map((r) => ({ scenario: s.name, r })));
  if (ratios.length > 0) {
    return intervalChartSvg({
      title: 'Throughput ratio to peer (95% CI; tick = target)',
      axis: 'ratio',
      rows: ratios.map(({ scenario, r }) => ({
        label: `${scenario}: ${r.task} / ${r.peer}`,
        value: r.ratio,
        low: r.low,
        high: r.high,
        bad: r.verdict === 'broken',
        marker: r.min,
        text: `${formatRatio(r.ratio)} ${formatInterval(r.low, r.high)} (${formatMin(r.min)})`,
      })),
      lines: [{ value: 1, label: '1×' }],
    });
  }
  return intervalChartSvg({
    title: 'Time per call (bar: ± spread)',
    axis: 'time',
    rows: report.scenarios.flatMap((s) =>
      s.tasks.map((t) => ({
        label: `${s.name} › ${t.name}`,
        value: t.msPerCall,
        low: t.msPerCall * Math.exp(-t.spread),
        high: t.msPerCall * Math.exp(t.spread),
        bad: false,
        text: formatCost(t),
      })),
    ),
    note: report.processes > 1 ? `spread over ${report.processes} processes` : 'spread over rounds',
  });
}

/** The chart of a comparison: each head/base ratio with its interval, the threshold, and both times per call. */
export function compareChartSvg(report: CompareReport): string {
  const step = 1 + report.threshold;
  const t = formatPercent(report.threshold);
  return intervalChartSvg({
    title: `Head vs base: change in time per call (${formatPercent(1 - report.alpha)} CI over ${report.processes} process pairs)`,
    axis: 'ratio',
    rows: report.benchmarks.map((b) => ({
      label: `${b.scenario} › ${b.task}`,
      value: b.ratio,
      low: b.low,
      high: b.high,
      bad: b.verdict === 'regression',
      text: `${formatChange(b.ratio)} ${formatChangeInterval(b.low, b.high)}  ${formatTime(b.base.msPerCall)} → ${formatTime(b.head.msPerCall)}`,
    })),
    lines: [
      { value: 1 / step, label: `−${t}`, dashed: true },
      { value: 1, label: '0' },
      { value: step, label: `+${t}`, dashed: true },
    ],
    note: 'Dot: estimate; bar: interval; dashed: ± threshold. Right: change [interval], base → head time per call.',
  });
}
