import { formatMs } from './format.ts';
import { quantile } from './measure.ts';
import type { FileRun, ModeName, ModeRun } from './mode-run.ts';

const WIDTH = 760;
const LEFT = 220;
const RIGHT = 20;
const PLOT = WIDTH - LEFT - RIGHT;

/** Colour of each mode, and of each cache outcome in the timelines. */
export const MODE_COLORS: Readonly<Record<ModeName, string>> = {
  sequential: '#c0504d',
  cold: '#4f81bd',
  warm: '#3f9b5a',
};
const CACHE_COLORS: Readonly<Record<FileRun['cache'], string>> = {
  none: '#c0504d',
  miss: '#4f81bd',
  shared: '#8064a2',
  hit: '#3f9b5a',
};

/** Escapes text for HTML and SVG. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function text(x: number, y: number, body: string, attrs = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escapeXml(body)}</text>`;
}

function svg(height: number, label: string, body: readonly string[]): string {
  return `<svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${escapeXml(label)}" font-family="system-ui, sans-serif" font-size="12">${body.join('')}</svg>`;
}

/** Round tick values from 0 to `max`, about five of them. */
export function linearTicks(max: number): number[] {
  if (!(max > 0)) return [0];
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  return Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
}

function logScale(values: readonly number[]): { x: (v: number) => number; ticks: number[] } {
  const positive = values.filter((v) => v > 0);
  const low = Math.floor(Math.log10(Math.min(...positive, 1)));
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(...positive, 1))));
  const x = (v: number): number =>
    LEFT + ((Math.log10(Math.max(v, 10 ** low)) - low) / (high - low)) * PLOT;
  const ticks = Array.from({ length: high - low + 1 }, (_, i) => 10 ** (low + i));
  return { x, ticks };
}

function latencies(run: ModeRun): number[] {
  return run.files.filter((f) => f.error === undefined).map((f) => f.endMs - f.startMs);
}

/**
 * The per-file latency of every mode on one logarithmic axis: a dot per file, a bar at the
 * median. Shows the spread of each mode and how far apart the modes are.
 */
export function latencyChart(runs: readonly ModeRun[]): string {
  const rowHeight = 44;
  const height = 30 + runs.length * rowHeight + 30;
  const { x, ticks } = logScale(runs.flatMap(latencies));
  const body: string[] = [];
  for (const tick of ticks) {
    body.push(`<line x1="${x(tick)}" x2="${x(tick)}" y1="20" y2="${height - 28}" stroke="#ddd"/>`);
    body.push(text(x(tick), height - 12, formatMs(tick), 'text-anchor="middle" fill="#555"'));
  }
  runs.forEach((run, i) => {
    const y = 30 + i * rowHeight + rowHeight / 2;
    const values = latencies(run);
    const color = MODE_COLORS[run.mode];
    body.push(text(10, y + 4, `${run.mode} (p50 ${formatMs(quantile(values, 0.5))})`));
    for (const v of values) {
      body.push(
        `<circle cx="${x(v).toFixed(1)}" cy="${y}" r="4" fill="${color}" fill-opacity="0.6"/>`,
      );
    }
    const median = x(quantile(values, 0.5));
    body.push(
      `<line x1="${median}" x2="${median}" y1="${y - 12}" y2="${y + 12}" stroke="#222" stroke-width="2"/>`,
    );
  });
  return svg(height, 'Per-file latency by mode, logarithmic scale', body);
}

/**
 * A Gantt chart of one mode: a row per file, a bar from the moment its work started to the
 * moment its answer was there, coloured by cache outcome (red: no cache, blue: miss, purple:
 * joined an identical call in flight, green: hit). Failed files are outlined.
 */
export function timelineChart(run: ModeRun): string {
  const rowHeight = 18;
  const height = 24 + run.files.length * rowHeight + 30;
  const end = Math.max(run.totalMs, ...run.files.map((f) => f.endMs), 1e-3);
  const ticks = linearTicks(end);
  const scale = (ms: number): number => LEFT + (ms / end) * PLOT;
  const body: string[] = [];
  for (const tick of ticks) {
    body.push(
      `<line x1="${scale(tick)}" x2="${scale(tick)}" y1="16" y2="${height - 28}" stroke="#ddd"/>`,
    );
    body.push(text(scale(tick), height - 12, formatMs(tick), 'text-anchor="middle" fill="#555"'));
  }
  run.files.forEach((file, i) => {
    const y = 20 + i * rowHeight;
    const x1 = scale(file.startMs);
    const w = Math.max(1, scale(file.endMs) - x1);
    const stroke = file.error === undefined ? '' : ' stroke="#000" stroke-dasharray="3 2"';
    body.push(
      text(
        10,
        y + 12,
        file.path.length > 34 ? `…${file.path.slice(-33)}` : file.path,
        'fill="#333"',
      ),
    );
    body.push(
      `<rect x="${x1.toFixed(1)}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowHeight - 5}" fill="${CACHE_COLORS[file.cache]}"${stroke}><title>${escapeXml(`${file.path}: ${formatMs(file.endMs - file.startMs)} (${file.cache})${file.error ? ` ${file.error}` : ''}`)}</title></rect>`,
    );
  });
  return svg(height, `Per-file timeline of the ${run.mode} run`, body);
}

/** Horizontal bars of each mode's wall time, on one linear scale. */
export function totalsChart(runs: readonly ModeRun[]): string {
  const rowHeight = 30;
  const height = 16 + runs.length * rowHeight + 10;
  const max = Math.max(...runs.map((run) => run.totalMs), 1e-3);
  const body: string[] = [];
  runs.forEach((run, i) => {
    const y = 12 + i * rowHeight;
    const w = Math.max(1, (run.totalMs / max) * (PLOT - 90));
    body.push(text(10, y + 15, run.mode));
    body.push(
      `<rect x="${LEFT}" y="${y}" width="${w.toFixed(1)}" height="20" fill="${MODE_COLORS[run.mode]}"/>`,
    );
    body.push(text(LEFT + w + 6, y + 15, formatMs(run.totalMs), 'fill="#333"'));
  });
  return svg(height, 'Wall time of each mode', body);
}
