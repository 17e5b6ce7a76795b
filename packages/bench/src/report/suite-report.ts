import type { RatioReport, SuiteReport, TargetVerdict } from '../run-suite.ts';
import {
  alignTable,
  formatCost,
  formatCount,
  formatInterval,
  formatMin,
  formatP,
  formatPercent,
  formatRatio,
  markdownTable,
} from './format.ts';

const VERDICT_TEXT: Record<TargetVerdict, string> = {
  met: 'met',
  'within-noise': 'below, within noise',
  broken: 'BROKEN',
  'known-gap': 'known gap (not gating)',
  'too-few-rounds': 'not judged (too few rounds)',
};

const RATIO_HEADER = [
  'scenario',
  'task / peer',
  'throughput ratio',
  '95% CI',
  'target',
  'p (Holm)',
  'verdict',
];

function ratioRows(report: SuiteReport): string[][] {
  return report.scenarios.flatMap((scenario) =>
    scenario.ratios.map((ratio: RatioReport) => [
      scenario.name,
      `${ratio.task} / ${ratio.peer}`,
      formatRatio(ratio.ratio),
      formatInterval(ratio.low, ratio.high),
      formatMin(ratio.min),
      formatP(ratio.pAdjusted),
      VERDICT_TEXT[ratio.verdict],
    ]),
  );
}

function hasItems(report: SuiteReport): boolean {
  return report.scenarios.some((s) => s.tasks.some((t) => t.itemsPerSec !== t.opsPerSec));
}

function taskRows(report: SuiteReport): string[][] {
  const items = hasItems(report);
  const header = ['scenario', 'task', 'time per call', 'calls/s', ...(items ? ['items/s'] : [])];
  const rows = report.scenarios.flatMap((scenario) =>
    scenario.tasks.map((task) => [
      scenario.name,
      task.name,
      formatCost(task),
      formatCount(task.opsPerSec),
      ...(items ? [formatCount(task.itemsPerSec)] : []),
    ]),
  );
  return [header, ...rows];
}

function spreadNote(report: SuiteReport): string {
  return report.processes > 1
    ? `± is the spread over ${report.processes} processes; intervals are over processes`
    : '± is the spread over rounds; with one process, intervals show the variation between rounds only (use --processes for intervals that include the variation between processes)';
}

function summaryLine(report: SuiteReport): string {
  const settings = `${report.processes} process(es) × up to ${report.rounds} interleaved rounds × ${report.timeMs} ms per task, ${report.statistic} call, threshold ${formatPercent(report.threshold)}, Node ${report.node}, seed ${report.seed}; ${spreadNote(report)}.`;
  const ratios = report.scenarios.flatMap((s) => s.ratios);
  if (ratios.length === 0) return settings;
  const gaps = ratios.filter((r) => r.verdict === 'known-gap').length;
  const outcome =
    report.broken === 0
      ? `${ratios.length} target(s) met or within noise`
      : `${report.broken} of ${ratios.length} target(s) BROKEN`;
  return `${outcome}${gaps > 0 ? `; ${gaps} known gap(s), not gating` : ''}. ${settings}`;
}

/** The run's results as plain-text tables for the terminal (the target table only when there are targets). */
export function formatSuiteTable(report: SuiteReport): string {
  const ratios = ratioRows(report);
  return [
    alignTable(taskRows(report)),
    '',
    ...(ratios.length ? [alignTable([RATIO_HEADER, ...ratios]), ''] : []),
    summaryLine(report),
  ].join('\n');
}

/** The run's results as Markdown, for a pull-request comment or the job summary. */
export function formatSuiteMarkdown(report: SuiteReport): string {
  const ratios = ratioRows(report);
  return [
    `### ${report.broken > 0 ? '❌' : '✅'} Benchmarks`,
    '',
    ...(ratios.length ? [markdownTable([RATIO_HEADER, ...ratios]), ''] : []),
    markdownTable(taskRows(report)),
    '',
    `<sub>${summaryLine(report)}</sub>`,
    '',
  ].join('\n');
}
