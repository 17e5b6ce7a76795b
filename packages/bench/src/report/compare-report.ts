import type { BenchmarkComparison, BenchmarkVerdict, CompareReport } from '../compare.ts';
import {
  alignTable,
  formatChange,
  formatInterval,
  formatP,
  formatRatio,
  markdownTable,
} from './format.ts';

const VERDICT_TEXT: Record<BenchmarkVerdict, string> = {
  regression: 'REGRESSION (confirmed)',
  unconfirmed: 'flagged once, not confirmed',
  improvement: 'improvement',
  inconclusive: 'inconclusive (noisy)',
  'too-few-rounds': 'not judged (too few rounds)',
  unchanged: 'unchanged',
};

function rows(report: CompareReport): string[][] {
  return report.benchmarks.map((b: BenchmarkComparison) => [
    `${b.scenario} › ${b.task}`,
    formatChange(b.ratio),
    formatRatio(b.ratio),
    formatInterval(b.low, b.high),
    String(b.n),
    formatP(b.pAdjusted),
    b.rerun ? `${formatRatio(b.rerun.ratio)} ${formatInterval(b.rerun.low, b.rerun.high)}` : '',
    VERDICT_TEXT[b.verdict],
  ]);
}

const HEADER = [
  'benchmark',
  'time',
  'head/base',
  '95% CI',
  'rounds',
  'p (Holm)',
  're-run',
  'verdict',
];

function probeLine(report: CompareReport): string {
  if (!report.probe) return 'Noise probe skipped.';
  const width = `±${(report.probe.halfWidth * 100).toFixed(1)}%`;
  const limit = `±${(report.probe.limit * 100).toFixed(1)}%`;
  return `Noise probe (A/A): ${formatRatio(report.probe.ratio)}, 95% CI ${width} (limit ${limit}).`;
}

/** The headline of a comparison: what happened and what to do. */
export function compareHeadline(report: CompareReport): string {
  const t = `${(report.threshold * 100).toFixed(0)}%`;
  if (report.status === 'too-noisy') {
    return 'WARNING: this machine is too noisy for the gate to decide (identical code measured differently); no benchmark was judged. Re-run on a quieter machine, or raise --rounds / --time.';
  }
  const regressions = report.benchmarks.filter((b) => b.verdict === 'regression').length;
  if (regressions > 0) {
    return `${regressions} confirmed regression(s) beyond ${t}: look at the benchmarks marked REGRESSION.`;
  }
  return `No regression beyond ${t} (significant after Holm correction and confirmed by a re-run).`;
}

function settingsLine(report: CompareReport): string {
  return `up to ${report.rounds} interleaved rounds × ${report.timeMs} ms per side, ${report.statistic} call, threshold ${report.threshold * 100}%, α ${report.alpha}, Node ${report.node}, seed ${report.seed}.`;
}

function extras(report: CompareReport): string[] {
  return [
    report.added.length ? `Only in head (not compared): ${report.added.join(', ')}.` : '',
    report.removed.length ? `Only in base (not compared): ${report.removed.join(', ')}.` : '',
  ].filter(Boolean);
}

/** The comparison as plain text for the terminal. */
export function formatCompareTable(report: CompareReport): string {
  const table = report.benchmarks.length ? [alignTable([HEADER, ...rows(report)]), ''] : [];
  return [
    ...table,
    probeLine(report),
    settingsLine(report),
    ...extras(report),
    compareHeadline(report),
  ].join('\n');
}

/** The comparison as Markdown, for a pull-request comment. */
export function formatCompareMarkdown(report: CompareReport): string {
  const icon = { pass: '✅', regression: '❌', 'too-noisy': '⚠️' }[report.status];
  const table = report.benchmarks.length ? [markdownTable([HEADER, ...rows(report)]), ''] : [];
  return [
    `### ${icon} hotpath benchmark gate`,
    '',
    compareHeadline(report),
    '',
    ...table,
    probeLine(report),
    settingsLine(report),
    ...extras(report),
    '',
  ].join('\n');
}
