import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BenchmarkComparison,
  type CompareReport,
  compareChartSvg,
  formatCompareMarkdown,
  formatCompareTable,
  formatSuiteMarkdown,
  formatSuiteTable,
  intervalChartSvg,
  type SuiteReport,
  suiteChartSvg,
} from '../src/index.ts';
import { niceTicks } from '../src/report/axis.ts';
import { propertySeeds } from './property-seeds.ts';

function comparison(task: string, ratio: number, verdict: BenchmarkComparison['verdict']) {
  return {
    scenario: 'parse',
    task,
    ratio,
    low: ratio * 0.99,
    high: ratio * 1.01,
    p: 0.01,
    n: 8,
    verdict,
    rounds: 8,
    base: { msPerCall: 0.00321, spread: 0.012 },
    head: { msPerCall: 0.00321 * ratio, spread: 0.008 },
    processRatios: [ratio],
  };
}

function compareReport(
  benchmarks: BenchmarkComparison[],
  status: CompareReport['status'],
): CompareReport {
  return {
    kind: 'compare',
    node: 'v24.0.0',
    processes: 8,
    rounds: 8,
    timeMs: 20,
    statistic: 'median',
    threshold: 0.02,
    alpha: 0.05,
    noiseLimit: 0.02,
    seed: 7,
    base: { ref: 'origin/main', commit: '0123456789abcdef' },
    status,
    benchmarks,
    added: [],
    removed: [],
  };
}

describe('compare reports', () => {
  const report = compareReport(
    [comparison('JSON.parse', 1, 'unchanged'), comparison('fast <parse>', 1.25, 'regression')],
    'regression',
  );

  it('show base and head time per call with spread, the change and its interval, in text and Markdown', () => {
    const text = formatCompareTable(report);
    expect(text).toMatch(
      /parse › fast <parse>\s+3\.21 µs ±1\.2%\s+4\.01 µs ±0\.8%\s+\+25\.0%\s+\[\+23\.8%, \+26\.2%\]\s+REGRESSION/,
    );
    expect(text.split('\n').at(-1)).toBe('1 regression(s) beyond +2%: parse › fast <parse>.');
    const markdown = formatCompareMarkdown(report);
    expect(markdown).toMatch(/^### ❌ Benchmark gate\n/);
    expect(markdown).toContain('| parse › JSON.parse | 3.21 µs ±1.2% | 3.21 µs ±0.8% | +0.0% |');
    expect(markdown).toContain('Base origin/main (0123456789ab)');
  });

  it('say in which direction a change within the threshold goes', () => {
    const within = compareReport(
      [comparison('a', 1.012, 'within-threshold'), comparison('b', 0.985, 'within-threshold')],
      'pass',
    );
    const text = formatCompareTable(within);
    expect(text).toMatch(/parse › a .* slower, within threshold/);
    expect(text).toMatch(/parse › b .* faster, within threshold/);
  });

  it('leave the table out when nothing was compared, and say why', () => {
    const empty = { ...compareReport([], 'pass'), added: ['parse (scenario)'] };
    expect(formatCompareTable(empty)).not.toMatch(/^benchmark\s+base/m);
    expect(formatCompareTable(empty)).toContain('No benchmark was compared');
    expect(formatCompareMarkdown(empty)).not.toContain('|');
    expect(formatCompareMarkdown(empty)).toContain(
      'Only in head (not compared): parse (scenario).',
    );
    expect(compareChartSvg(empty)).toContain('Nothing to show.');
  });

  it('chart every benchmark with times per call, and an axis that reaches the +25% point', () => {
    const svg = compareChartSvg(report);
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain('+25.0% [+23.8%, +26.2%]  3.21 µs → 4.01 µs');
    expect(svg).toContain('fast &lt;parse&gt;');
    const ticks = [...svg.matchAll(/text-anchor="middle" fill="#333">([^<]+)</g)].map((m) => m[1]);
    expect(ticks).toContain('+20%');
    expect(ticks).toContain('0%');
  });
});

function suiteReport(targets: boolean): SuiteReport {
  const tasks = [
    { name: 'mine', msPerCall: 0.002, spread: 0.01, opsPerSec: 500_000, itemsPerSec: 500_000 },
    { name: 'theirs', msPerCall: 0.004, spread: 0.02, opsPerSec: 250_000, itemsPerSec: 250_000 },
  ];
  const ratio = {
    scenario: 'parse',
    task: 'mine',
    peer: 'theirs',
    min: 1.5,
    ratio: 2,
    low: 1.9,
    high: 2.1,
    p: 0.001,
    n: 10,
    pAdjusted: 0.001,
    verdict: 'met' as const,
  };
  return {
    kind: 'run',
    node: 'v24.0.0',
    processes: 1,
    rounds: 10,
    timeMs: 100,
    statistic: 'median',
    threshold: 0.05,
    seed: 1,
    scenarios: [{ name: 'parse', tasks, ratios: targets ? [ratio] : [] }],
    broken: 0,
  };
}

describe('run reports', () => {
  it('show time per call with spread; the target table only when there are targets', () => {
    const without = formatSuiteTable(suiteReport(false));
    expect(without).toMatch(/parse\s+mine\s+2\.00 µs ±1\.0%\s+500K/);
    expect(without).not.toContain('throughput ratio');
    expect(formatSuiteMarkdown(suiteReport(false))).not.toContain('throughput ratio');
    expect(formatSuiteTable(suiteReport(true))).toMatch(
      /parse\s+mine \/ theirs\s+2\.000×\s+\[1\.900, 2\.100\]\s+≥ 1\.5×/,
    );
  });

  it('chart the targets when there are some, else each task’s time per call', () => {
    expect(suiteChartSvg(suiteReport(true))).toContain('2.000× [1.900, 2.100] (≥ 1.5×)');
    const times = suiteChartSvg(suiteReport(false));
    expect(times).toContain('Time per call');
    expect(times).toContain('>4.00 µs ±2.0%</text>');
  });
});

describe('chart axes', () => {
  it.each(propertySeeds('chart axes'))(
    'every tick lies within the range, ticks increase, and there are 2 to 8 of them (seed %i)',
    (seed) => {
      const range = fc
        .tuple(
          fc.double({ min: 1e-9, max: 1e6, noNaN: true }),
          fc.double({ min: 1.02, max: 1e4, noNaN: true }),
        )
        .map(([low, factor]) => [low, low * factor] as const);
      fc.assert(
        fc.property(range, ([low, high]) => {
          const ticks = niceTicks(low, high);
          return (
            ticks.length >= 2 &&
            ticks.length <= 8 &&
            ticks.every((t) => t >= low && t <= high) &&
            ticks.every((t, i) => i === 0 || t > ticks[i - 1]!)
          );
        }),
        { seed, numRuns: 500 },
      );
    },
  );

  it('labels a narrow ratio range in percent and a wide one as factors', () => {
    const narrow = intervalChartSvg({
      title: 't',
      axis: 'ratio',
      rows: [{ label: 'a', value: 1.01, low: 0.98, high: 1.04, bad: false, text: '' }],
    });
    expect(narrow).toMatch(/>\+2%<|>\+1%</);
    const wide = intervalChartSvg({
      title: 't',
      axis: 'ratio',
      rows: [{ label: 'a', value: 3, low: 0.5, high: 9, bad: false, text: '' }],
    });
    expect(wide).toContain('>1×<');
    expect(wide).toContain('>5×<');
  });
});
