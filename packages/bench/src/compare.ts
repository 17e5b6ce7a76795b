import { channel } from 'node:diagnostics_channel';
import { BENCH_CHANNELS } from './channels.ts';
import { estimateRatio, type RatioEstimate } from './estimate.ts';
import type { Statistic } from './internal/measure.ts';
import { logRatios } from './stats/log-ratio.ts';
import { median } from './stats/median.ts';
import { tInterval, tTestP } from './stats/t-interval.ts';

const benchmarkChannel = channel(BENCH_CHANNELS.benchmark);

/** The per-round costs of one benchmark from one measuring process, paired by round. */
export interface ProcessSamples {
  /** Base cost per round, in ms per call. */
  readonly base: readonly number[];
  /** Head cost per round, in ms per call (same length: sample `i` of both is round `i`). */
  readonly head: readonly number[];
}

/** Everything measured for one benchmark (one task of one scenario), process by process. */
export interface BenchmarkSamples {
  readonly scenario: string;
  readonly task: string;
  readonly file?: string | undefined;
  readonly processes: readonly ProcessSamples[];
}

/** How {@link analyzeComparison} judges. */
export interface JudgeSettings {
  /** Practical threshold: a regression's whole interval lies above `1 + threshold`. */
  readonly threshold: number;
  /** The intervals are at confidence `1 − alpha`. */
  readonly alpha: number;
  /** A benchmark whose interval half-width exceeds this fraction is `inconclusive`. */
  readonly noiseLimit: number;
  /** Below this many rounds in any process, or with fewer than 2 processes, nothing is judged. */
  readonly minRounds: number;
}

/**
 * What the gate concluded for one benchmark, read off its interval. `regression`: the whole
 * interval lies above `1 + threshold`; `improvement`: below `1 / (1 + threshold)`;
 * `inconclusive`: neither, and the interval is wider than `±noiseLimit`, so a change of
 * that size could hide in it; `within-threshold`: a narrow interval that excludes 1 (a real
 * change, smaller than the threshold); `unchanged`: a narrow interval around 1;
 * `too-few-rounds`: smoke runs (nothing judged).
 */
export type BenchmarkVerdict =
  | 'regression'
  | 'improvement'
  | 'inconclusive'
  | 'within-threshold'
  | 'unchanged'
  | 'too-few-rounds';

/** Time per call of one side, over processes. */
export interface CostSummary {
  /** Geometric mean over processes of each process's median per-round cost, in ms per call. */
  readonly msPerCall: number;
  /** Standard deviation of the log cost over processes (≈ relative spread: 0.02 = ±2%). */
  readonly spread: number;
}

/**
 * One benchmark's head/base time-per-call ratio (above 1: head is slower). `ratio`,
 * `low` and `high` are the geometric mean of the per-process ratios and its Student-t
 * interval over processes; `p` tests "no change"; `n` is the number of processes.
 */
export interface BenchmarkComparison extends RatioEstimate {
  readonly scenario: string;
  readonly task: string;
  readonly file?: string;
  readonly verdict: BenchmarkVerdict;
  /** Fewest rounds any process measured. */
  readonly rounds: number;
  readonly base: CostSummary;
  readonly head: CostSummary;
  /** Each process's own estimate (median over its rounds of head/base). */
  readonly processRatios: readonly number[];
}

/** The gate's outcome: `too-noisy` when nothing regressed but some benchmark was inconclusive. */
export type CompareStatus = 'pass' | 'regression' | 'too-noisy';

/** What `compareTrees` (and `hotpath-bench compare`) report. */
export interface CompareReport {
  readonly kind: 'compare';
  readonly node: string;
  readonly processes: number;
  readonly rounds: number;
  readonly timeMs: number;
  readonly statistic: Statistic;
  readonly threshold: number;
  readonly alpha: number;
  readonly noiseLimit: number;
  readonly seed: number;
  /** The base revision, when the CLI checked one out. */
  readonly base?: { readonly ref: string; readonly commit: string };
  readonly status: CompareStatus;
  readonly benchmarks: readonly BenchmarkComparison[];
  /** `scenario › task` (or `scenario (scenario)`) only in head: not compared. */
  readonly added: readonly string[];
  /** `scenario › task` (or `scenario (scenario)`) only in base: not compared. */
  readonly removed: readonly string[];
}

interface ProcessEstimate {
  readonly log: number;
  readonly base: number;
  readonly head: number;
  readonly rounds: number;
}

function perProcess(samples: ProcessSamples): ProcessEstimate {
  return {
    log: median(logRatios(samples.head, samples.base)),
    base: median(samples.base),
    head: median(samples.head),
    rounds: samples.base.length,
  };
}

function sd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1));
}

function costSummary(perProcessCost: readonly number[]): CostSummary {
  const logs = perProcessCost.map(Math.log);
  const mean = logs.reduce((sum, value) => sum + value, 0) / logs.length;
  return { msPerCall: Math.exp(mean), spread: sd(logs) };
}

/**
 * Share trimmed from each end of the per-pair estimates (Yuen): with 5 to 9 pairs, the
 * lowest and the highest are set aside, so one pair that a burst of load hit for most of
 * its rounds widens nothing and biases nothing.
 */
export const PAIR_TRIM = 0.2;

function estimateOf(benchmark: BenchmarkSamples, logs: readonly number[], confidence: number) {
  if (logs.length >= 2) {
    const interval = tInterval(logs, confidence, { trim: PAIR_TRIM });
    const p = tTestP(logs, 0, 'two-sided', { trim: PAIR_TRIM });
    const [ratio, low, high] = [interval.mean, interval.low, interval.high].map(Math.exp);
    return { ratio: ratio!, low: low!, high: high!, p, n: logs.length };
  }
  // One process cannot show the variation between processes: the within-process bootstrap
  // is all there is, and such a benchmark is never judged.
  const only = benchmark.processes[0]!;
  return estimateRatio(only.head, only.base);
}

interface Draft {
  readonly comparison: Omit<BenchmarkComparison, 'verdict'>;
  readonly judged: boolean;
}

function draft(benchmark: BenchmarkSamples, settings: JudgeSettings): Draft {
  const estimates = benchmark.processes.map(perProcess);
  const logs = estimates.map((e) => e.log);
  const rounds = Math.min(...estimates.map((e) => e.rounds));
  const { scenario, task, file } = benchmark;
  const comparison = {
    scenario,
    task,
    ...(file === undefined ? {} : { file }),
    ...estimateOf(benchmark, logs, 1 - settings.alpha),
    rounds,
    base: costSummary(estimates.map((e) => e.base)),
    head: costSummary(estimates.map((e) => e.head)),
    processRatios: logs.map(Math.exp),
  };
  return { comparison, judged: logs.length >= 2 && rounds >= settings.minRounds };
}

function verdictOf(d: Draft, settings: JudgeSettings): BenchmarkVerdict {
  if (!d.judged) return 'too-few-rounds';
  const { low, high } = d.comparison;
  const step = 1 + settings.threshold;
  if (low > step) return 'regression';
  if (high < 1 / step) return 'improvement';
  const halfWidth = (Math.log(high) - Math.log(low)) / 2;
  if (halfWidth > Math.log1p(settings.noiseLimit)) return 'inconclusive';
  return low > 1 || high < 1 ? 'within-threshold' : 'unchanged';
}

/**
 * Judges benchmarks measured in several independent process pairs. Each pair gives one
 * estimate per benchmark: the median over its rounds of the paired head/base ratio. The
 * estimate is the 20%-trimmed mean of those (on the log scale), with Yuen's trimmed t
 * interval over pairs, so it includes the variation between processes (code layout, JIT
 * decisions) and over the run's time, not only between rounds. The verdict is read off the
 * interval: a regression when all of it lies above `1 + threshold`. There is no
 * multiple-comparison correction; the threshold is the margin that keeps unchanged
 * benchmarks from failing (see the README's figures).
 */
export function analyzeComparison(
  samples: readonly BenchmarkSamples[],
  settings: JudgeSettings,
): { benchmarks: BenchmarkComparison[]; status: CompareStatus } {
  const benchmarks = samples.map((benchmark) => {
    const d = draft(benchmark, settings);
    return { ...d.comparison, verdict: verdictOf(d, settings) };
  });
  return { benchmarks, status: statusOf(benchmarks) };
}

function statusOf(benchmarks: readonly BenchmarkComparison[]): CompareStatus {
  if (benchmarks.some((b) => b.verdict === 'regression')) return 'regression';
  return benchmarks.some((b) => b.verdict === 'inconclusive') ? 'too-noisy' : 'pass';
}

/** Publishes each judged benchmark on `hotpath:bench:benchmark` (diagnostics_channel). */
export function publishComparisons(benchmarks: readonly BenchmarkComparison[]): void {
  if (!benchmarkChannel.hasSubscribers) return;
  for (const benchmark of benchmarks) benchmarkChannel.publish(benchmark);
}
