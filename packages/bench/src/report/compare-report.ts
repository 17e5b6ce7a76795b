import type { BenchmarkComparison, BenchmarkVerdict, CompareReport } from '../compare.ts';
import {
  alignTable,
  formatChange,
  formatChangeInterval,
  formatCost,
  formatPercent,
  markdownTable,
} from './format.ts';

const VERDICT_TEXT: Record<BenchmarkVerdict, string> = {
  regression: 'REGRESSION',
  improvement: 'improvement',
  inconclusive: 'too noisy to decide',
  'within-threshold': 'within threshold',
  unchanged: 'unchanged',
  'too-few-rounds': 'not judged (too few rounds)',
};

function verdictText(b: BenchmarkComparison): string {
  if (b.verdict !== 'within-threshold') return VERDICT_TEXT[b.verdict];
  return b.ratio > 1 ? 'slower, within threshold' : 'faster, within threshold';
}

function confidence(report: CompareReport): string {
  return `${formatPercent(1 - report.alpha)} CI`;
}

function rows(report: CompareReport): string[][] {
  return report.benchmarks.map((b: BenchmarkComparison) => [
    `${b.scenario} › ${b.task}`,
    formatCost(b.base),
    formatCost(b.head),
    formatChange(b.ratio),
    formatChangeInterval(b.low, b.high),
    verdictText(b),
  ]);
}

function header(report: CompareReport): string[] {
  return ['benchmark', 'base', 'head', 'change', confidence(report), 'verdict'];
}

function names(report: CompareReport, verdict: BenchmarkVerdict): string[] {
  return report.benchmarks
    .filter((b) => b.verdict === verdict)
    .map((b) => `${b.scenario} › ${b.task}`);
}

/**
 * The outcome of a comparison in one sentence: what happened and what to do. For a
 * `too-noisy` run this is the warning the CLI prints (once).
 */
export function compareHeadline(report: CompareReport): string {
  const t = formatPercent(report.threshold);
  if (report.benchmarks.length === 0) {
    return 'No benchmark was compared: no selected task exists in both base and head.';
  }
  const regressions = names(report, 'regression');
  if (regressions.length > 0) {
    return `${regressions.length} regression(s) beyond +${t}: ${regressions.join(', ')}.`;
  }
  const noisy = names(report, 'inconclusive');
  if (noisy.length > 0) {
    return `No regression beyond +${t} found, but ${noisy.length} benchmark(s) were too noisy to decide (interval wider than ±${formatPercent(report.noiseLimit)}): ${noisy.join(', ')}. Run more --processes or --rounds, on a quieter machine, or leave them out with --task.`;
  }
  if (report.benchmarks.every((b) => b.verdict === 'too-few-rounds')) {
    return 'Nothing was judged: too few rounds (a smoke run checks only that every task runs).';
  }
  return `No regression beyond +${t}.`;
}

function settingsLine(report: CompareReport): string {
  const base = report.base ? `Base ${report.base.ref} (${report.base.commit.slice(0, 12)}). ` : '';
  return `${base}${report.processes} base/head process pairs × up to ${report.rounds} rounds × ${report.timeMs} ms per side, ${report.statistic} call per round; intervals over pairs (20%-trimmed t, Yuen); regression = the ${formatPercent(1 - report.alpha)} interval lies above +${formatPercent(report.threshold)}; Node ${report.node}; seed ${report.seed}.`;
}

function extras(report: CompareReport): string[] {
  return [
    report.added.length ? `Only in head (not compared): ${report.added.join(', ')}.` : '',
    report.removed.length ? `Only in base (not compared): ${report.removed.join(', ')}.` : '',
  ].filter(Boolean);
}

/**
 * The comparison as plain text for the terminal: the table (base and head time per call
 * with their spread over processes, the change and its interval, the verdict), how it was
 * measured, and the headline last.
 */
export function formatCompareTable(report: CompareReport): string {
  const table = report.benchmarks.length ? [alignTable([header(report), ...rows(report)]), ''] : [];
  return [...table, settingsLine(report), ...extras(report), compareHeadline(report)].join('\n');
}

const ICON = { pass: '✅', regression: '❌', 'too-noisy': '⚠️' } as const;

/** The comparison as Markdown, for a pull-request comment or the job summary. */
export function formatCompareMarkdown(report: CompareReport): string {
  const table = report.benchmarks.length
    ? [markdownTable([header(report), ...rows(report)]), '']
    : [];
  return [
    `### ${ICON[report.status]} Benchmark gate`,
    '',
    compareHeadline(report),
    '',
    ...table,
    ...extras(report).flatMap((line) => [line, '']),
    `<sub>${settingsLine(report)} Base and head: time per call, ± its spread over process pairs.</sub>`,
    '',
  ].join('\n');
}
