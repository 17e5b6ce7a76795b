import {
  formatCount,
  formatFactor,
  formatMb,
  formatMs,
  formatPercent,
  formatUsd,
} from './format.ts';
import type { ModeFigures } from './measure.ts';
import type { DemoResult } from './run-demo.ts';

/** One row of the before/after table: a label and the sequential, cold and warm cells. */
export interface DemoRow {
  readonly label: string;
  readonly cells: readonly [before: string, cold: string, warm: string];
}

/** The column headings of the table. */
export const DEMO_COLUMNS: readonly [string, string, string, string] = [
  '',
  'before: sequential, no cache',
  'hotpath cold',
  'hotpath warm (cached)',
];

function faster(before: number, after: number): string {
  const ratio = before / after;
  if (!Number.isFinite(ratio) || !(ratio > 0)) return formatMs(after);
  if (ratio >= 1.1) return `${formatMs(after)} (${formatFactor(before, after)} faster)`;
  if (ratio > 1 / 1.1) return `${formatMs(after)} (about the same)`;
  return `${formatMs(after)} (${formatFactor(after, before)} slower)`;
}

function tokens(figures: ModeFigures): string {
  const total = figures.inputTokens + figures.outputTokens;
  if (total === 0) return '0';
  return `${formatCount(figures.inputTokens)} in + ${formatCount(figures.outputTokens)} out`;
}

function timeRows(result: DemoResult): DemoRow[] {
  const { sequential: s, cold: c, warm: w } = result.figures;
  return [
    {
      label: 'First response',
      cells: [
        formatMs(s.firstResponseMs),
        faster(s.firstResponseMs, c.firstResponseMs),
        faster(s.firstResponseMs, w.firstResponseMs),
      ],
    },
    {
      label: 'Cached response (same question again)',
      cells: [
        `${formatMs(s.p50Ms)} (no cache: a full call)`,
        '—',
        faster(s.p50Ms, result.cachedResponseMs),
      ],
    },
    {
      label: 'Per-file latency (p50)',
      cells: [formatMs(s.p50Ms), faster(s.p50Ms, c.p50Ms), faster(s.p50Ms, w.p50Ms)],
    },
    {
      label: `${result.files.length}-file analysis`,
      cells: [formatMs(s.totalMs), faster(s.totalMs, c.totalMs), faster(s.totalMs, w.totalMs)],
    },
  ];
}

function calls(count: number): string {
  return count === 1 ? '1 upstream call' : `${formatCount(count)} upstream calls`;
}

function sameQuestionRow(result: DemoResult): DemoRow {
  const { callers, sequential, hotpath } = result.sameQuestion;
  const joined = callers - hotpath.upstreamRequests;
  return {
    label: `Same question from ${callers} callers at once`,
    cells: [
      `${calls(sequential.upstreamRequests)}, ${formatMs(sequential.ms)}`,
      `${calls(hotpath.upstreamRequests)} (${joined} joined it), ${formatMs(hotpath.ms)}`,
      '—',
    ],
  };
}

function costRows(result: DemoResult): DemoRow[] {
  const { sequential: s, cold: c, warm: w } = result.figures;
  const savedTokens = result.saved.inputTokens + result.saved.outputTokens;
  const { inputPerMillion, outputPerMillion } = result.price;
  return [
    sameQuestionRow(result),
    {
      label: 'Upstream requests',
      cells: [
        formatCount(s.upstreamRequests),
        formatCount(c.upstreamRequests),
        formatCount(w.upstreamRequests),
      ],
    },
    {
      label: 'Cache hit rate',
      cells: [formatPercent(s.hitRate), formatPercent(c.hitRate), formatPercent(w.hitRate)],
    },
    {
      label: 'Tokens sent upstream',
      cells: [tokens(s), tokens(c), `${tokens(w)} (saved ${formatCount(savedTokens)})`],
    },
    {
      label: `Money (at $${inputPerMillion}/$${outputPerMillion} per M tokens)`,
      cells: [
        formatUsd(s.costUsd),
        formatUsd(c.costUsd),
        `${formatUsd(w.costUsd)} (saved ${formatUsd(result.saved.cost)})`,
      ],
    },
  ];
}

function processRows(result: DemoResult): DemoRow[] {
  const { sequential: s, cold: c, warm: w } = result.figures;
  const memory = (f: ModeFigures): string => `${formatMb(f.heapUsed)} / ${formatMb(f.rss)}`;
  return [
    { label: 'Memory (heap / RSS after)', cells: [memory(s), memory(c), memory(w)] },
    {
      label: 'Start-up',
      cells: [
        `first call ${formatMs(result.startup.sequentialWarmupMs)}`,
        `host boot ${formatMs(result.startup.bootMs)} + first call ${formatMs(result.startup.warmupMs)}`,
        'host already up',
      ],
    },
  ];
}

/** The rows of the before/after table, in the order the seed's table lists them. */
export function demoRows(result: DemoResult): DemoRow[] {
  return [...timeRows(result), ...costRows(result), ...processRows(result)];
}

function layout(rows: readonly (readonly string[])[]): string[] {
  const widths = DEMO_COLUMNS.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join(' │ ')
      .trimEnd(),
  );
}

/** One line per plugin of the host's boot report. */
export function bootLine(result: DemoResult): string {
  const plugins = result.startup.plugins.map((p) => `${p.name} ${formatMs(p.setupMs)}`);
  return `host boot ${formatMs(result.startup.bootMs)} (${plugins.join(', ')}); each side's first call is a warm-up outside the measured runs`;
}

/**
 * The before/after table of a demo run as plain text: the seed chapter's rows (first
 * response, cached response, N-file analysis, memory, start-up) with measured figures, plus
 * upstream requests, cache hit rate, tokens and money.
 */
export function renderDemoTable(result: DemoResult): string {
  const rows = [DEMO_COLUMNS, ...demoRows(result).map((row) => [row.label, ...row.cells])];
  const [head = '', ...body] = layout(rows);
  const rule = '─'.repeat(Math.max(...[head, ...body].map((line) => line.length)));
  return [
    `hotpath demo: ${result.files.length} files, model ${result.upstream.model}, concurrency ${result.concurrency}`,
    `upstream: ${result.upstream.label}`,
    '',
    head,
    rule,
    ...body,
    '',
    bootLine(result),
  ].join('\n');
}
