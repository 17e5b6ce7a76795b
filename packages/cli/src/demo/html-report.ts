import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MODE_NAMES } from './mode-run.ts';
import type { DemoResult } from './run-demo.ts';
import { escapeXml, latencyChart, timelineChart, totalsChart } from './svg-charts.ts';
import { bootLine, DEMO_COLUMNS, demoRows } from './table.ts';

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 820px; color: #222; padding: 0 1rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #ddd; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; } .meta { color: #555; } code { background: #f4f4f4; padding: 0 0.25rem; }
.legend span { display: inline-block; margin-right: 1rem; } .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
`;

const MODE_TITLES = {
  sequential: 'Before: sequential, a new connection per call, no cache',
  cold: 'hotpath cold: parallel, pooled, deduplicated, token-budgeted',
  warm: 'hotpath warm: answered from the cache',
} as const;

const LEGEND = [
  ['#c0504d', 'no cache'],
  ['#4f81bd', 'cache miss (upstream call)'],
  ['#8064a2', 'joined an identical call in flight'],
  ['#3f9b5a', 'cache hit'],
]
  .map(([color, label]) => `<span><i style="background:${color}"></i>${label}</span>`)
  .join('');

function table(result: DemoResult): string {
  const head = DEMO_COLUMNS.map((column) => `<th>${escapeXml(column)}</th>`).join('');
  const rows = demoRows(result).map(
    (row) =>
      `<tr><th>${escapeXml(row.label)}</th>${row.cells.map((cell) => `<td>${escapeXml(cell)}</td>`).join('')}</tr>`,
  );
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function timelines(result: DemoResult): string {
  return MODE_NAMES.map(
    (mode) =>
      `<h3>${escapeXml(MODE_TITLES[mode])}</h3><figure>${timelineChart(result.runs[mode])}</figure>`,
  ).join('');
}

function failures(result: DemoResult): string {
  const failed = MODE_NAMES.flatMap((mode) =>
    result.runs[mode].files
      .filter((file) => file.error !== undefined)
      .map(
        (file) =>
          `<li>${mode}: <code>${escapeXml(file.path)}</code>: ${escapeXml(file.error ?? '')}</li>`,
      ),
  );
  return failed.length === 0 ? '' : `<h2>Failures</h2><ul>${failed.join('')}</ul>`;
}

/**
 * The demo's report as one self-contained HTML page: the before/after table, the latency
 * distribution of each mode, each mode's wall time and a per-file timeline of each mode, all
 * as inline SVG (no scripts, fonts, images or style sheets from anywhere else).
 */
export function renderDemoReport(result: DemoResult, generatedAt: Date = new Date()): string {
  const runs = MODE_NAMES.map((mode) => result.runs[mode]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>hotpath demo report</title><style>${STYLE}</style></head><body>
<h1>hotpath demo: ${result.files.length} files, before and after</h1>
<p class="meta">Upstream: ${escapeXml(result.upstream.label)}.<br>Model ${escapeXml(result.upstream.model)}, concurrency ${result.concurrency}, files from <code>${escapeXml(result.dir)}</code>. Generated ${escapeXml(generatedAt.toISOString())}.</p>
${table(result)}
<p class="meta">${escapeXml(bootLine(result))}.</p>
<h2>Latency per file</h2><figure>${latencyChart(runs)}</figure>
<h2>Wall time of each run</h2><figure>${totalsChart(runs)}</figure>
<h2>Per-file timeline</h2><p class="legend">${LEGEND}</p>${timelines(result)}
${failures(result)}
<h2>Files</h2><ol>${result.files.map((file) => `<li><code>${escapeXml(file)}</code></li>`).join('')}</ol>
</body></html>
`;
}

/** Writes the report to `path` (creating its folder) and resolves with the path. */
export async function writeDemoReport(result: DemoResult, path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, renderDemoReport(result));
  return path;
}
