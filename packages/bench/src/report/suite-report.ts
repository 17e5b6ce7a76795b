import type { RatioReport, SuiteReport, TargetVerdict } from '../run-suite.ts';
import {
  alignTable,
  formatCount,
  formatInterval,
  formatP,
  formatRatio,
  markdownTable,
} from './format.ts';

const VERDICT_TEXT: Record<TargetVerdict, string> = {
  met: 'met',
  'within-noise': 'below, within noise',
  broken: 'BROKEN',
  'known-gap': 'known gap (not gating)',
  'too-few-rounds': 'not judged (too few rounds)',
  info: '',
};

function target(ratio: RatioReport): string {
  return ratio.min === undefined ? '' : `≥ ${ratio.min}×`;
}

function ratioRows(report: SuiteReport): string[][] {
  return report.scenarios.flatMap((scenario) =>
    scenario.ratios.map((ratio) => [
      scenario.name,
      `${ratio.task} / ${ratio.peer}`,
      formatRatio(ratio.ratio),
      formatInterval(ratio.low, ratio.high),
      String(ratio.n),
      target(ratio),
      ratio.pAdjusted === undefined ? '' : formatP(ratio.pAdjusted),
      VERDICT_TEXT[ratio.verdict],
    ]),
  );
}

function taskRows(report: SuiteReport): string[][] {
  return report.scenarios.flatMap((scenario) =>
    scenario.tasks.map((task) => [
      scenario.name,
      task.name,
      `${formatCount(task.opsPerSec)} ops/s`,
      `${formatCount(task.itemsPerSec)} items/s`,
    ]),
  );
}

const RATIO_HEADER = [
  'scenario',
  'task / peer',
  'throughput ratio',
  '95% CI',
  'rounds',
  'target',
  'p (Holm)',
  'verdict',
];

function summaryLine(report: SuiteReport): string {
  const settings = `up to ${report.rounds} interleaved rounds × ${report.timeMs} ms per task, ${report.statistic} call, Node ${report.node}, seed ${report.seed}`;
  const outcome =
    report.broken === 0 ? 'all targets met or within noise' : `${report.broken} target(s) BROKEN`;
  const gaps = report.scenarios.flatMap((s) => s.ratios).filter((r) => r.verdict === 'known-gap');
  return `${settings}: ${outcome}${gaps.length > 0 ? `; ${gaps.length} known gap(s), not gating` : ''}`;
}

/** The run's results as plain-text tables for the terminal. */
export function formatSuiteTable(report: SuiteReport): string {
  return [
    alignTable([['scenario', 'task', 'throughput', 'items'], ...taskRows(report)]),
    '',
    alignTable([RATIO_HEADER, ...ratioRows(report)]),
    '',
    summaryLine(report),
  ].join('\n');
}

/** The run's results as Markdown, for a pull-request comment. */
export function formatSuiteMarkdown(report: SuiteReport): string {
  const broken = report.broken > 0 ? '❌' : '✅';
  return [
    `### ${broken} hotpath benchmarks`,
    '',
    markdownTable([RATIO_HEADER, ...ratioRows(report)]),
    '',
    '<details><summary>Throughput per task</summary>',
    '',
    markdownTable([['scenario', 'task', 'throughput', 'items'], ...taskRows(report)]),
    '',
    '</details>',
    '',
    summaryLine(report),
    '',
  ].join('\n');
}
