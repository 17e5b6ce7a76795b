import { channel } from 'node:diagnostics_channel';
import { BENCH_CHANNELS } from './channels.ts';
import { estimateRatio, type RatioEstimate } from './estimate.ts';
import type { Statistic } from './internal/measure.ts';
import { runRounds, type Unit } from './internal/rounds.ts';
import { type NoiseProbeReport, probeNoise } from './noise-probe.ts';
import {
  type MeasureSettings,
  type ResolvedSettings,
  resolveSettings,
  shareDeadline,
} from './run-suite.ts';
import { isHotpathTask, type Scenario } from './scenario.ts';
import { holm } from './stats/holm.ts';
import { createRandom } from './stats/random.ts';

const benchmarkChannel = channel(BENCH_CHANNELS.benchmark);

/** The base and head versions of one scenario. */
export interface ScenarioPair {
  readonly name: string;
  readonly base: Scenario;
  readonly head: Scenario;
  /** The `*.bench.ts` file, for reports. */
  readonly file?: string;
}

/** Options for {@link compareScenarios}. */
export interface CompareOptions extends MeasureSettings {
  /** Run the A/A noise probe first. @default true */
  readonly probe?: boolean;
  /** Largest probe interval half-width (fraction) at which the gate still decides. @default threshold */
  readonly noiseLimit?: number;
  /** Re-run flagged benchmarks once and fail only when the re-run agrees. @default true */
  readonly confirm?: boolean;
}

/**
 * What the gate concluded for one benchmark. `regression`: significantly slower by more
 * than the threshold, twice (first run and confirmation); `unconfirmed`: flagged once
 * but not on the re-run; `improvement`: the mirror image; `inconclusive`: too noisy to
 * tell a 2×threshold change; `too-few-rounds`: smoke run; `unchanged`: otherwise.
 */
export type BenchmarkVerdict =
  | 'regression'
  | 'unconfirmed'
  | 'improvement'
  | 'inconclusive'
  | 'too-few-rounds'
  | 'unchanged';

/** One benchmark's head/base cost ratio (above 1: head is slower). */
export interface BenchmarkComparison extends RatioEstimate {
  readonly scenario: string;
  readonly task: string;
  readonly file?: string;
  /** Holm-adjusted p-value across the suite. */
  readonly pAdjusted: number;
  readonly verdict: BenchmarkVerdict;
  /** The confirmation re-run, for benchmarks flagged by the first run. */
  readonly rerun?: RatioEstimate & { readonly pAdjusted: number };
}

/** The gate's overall outcome: exit 0 for `pass` and `too-noisy` (with a warning), 1 for `regression`. */
export type CompareStatus = 'pass' | 'regression' | 'too-noisy';

/** What {@link compareScenarios} returns. */
export interface CompareReport {
  readonly kind: 'compare';
  readonly node: string;
  readonly rounds: number;
  readonly timeMs: number;
  readonly statistic: Statistic;
  readonly threshold: number;
  readonly alpha: number;
  readonly seed: number;
  readonly status: CompareStatus;
  readonly probe?: NoiseProbeReport;
  readonly benchmarks: readonly BenchmarkComparison[];
  /** `scenario › task` present only in head (not compared). */
  readonly added: readonly string[];
  /** `scenario › task` present only in base (not compared). */
  readonly removed: readonly string[];
}

interface Measured extends RatioEstimate {
  readonly pair: ScenarioPair;
  readonly task: string;
}

/**
 * The tasks both revisions define. When a scenario has hotpath tasks, only those are
 * compared: a peer library's code is the same on both sides, so its ratio can only show
 * noise (or the cost of loading it twice), never a regression of ours.
 */
function sharedTasks(pair: ScenarioPair): string[] {
  const shared = Object.keys(pair.head.tasks).filter((task) => task in pair.base.tasks);
  const ours = shared.filter(isHotpathTask);
  return ours.length > 0 ? ours : shared;
}

function unitsFor(pair: ScenarioPair, tasks: readonly string[]): Unit[] {
  return tasks.flatMap((task) => [
    { id: `base:${task}`, label: `${pair.name} › ${task} (base)`, fn: pair.base.tasks[task]! },
    { id: `head:${task}`, label: `${pair.name} › ${task} (head)`, fn: pair.head.tasks[task]! },
  ]);
}

async function withSetup<T>(pair: ScenarioPair, run: () => Promise<T>): Promise<T> {
  await pair.base.setup?.();
  try {
    await pair.head.setup?.();
    try {
      return await run();
    } finally {
      await pair.head.teardown?.();
    }
  } finally {
    await pair.base.teardown?.();
  }
}

async function measurePair(
  pair: ScenarioPair,
  tasks: readonly string[],
  settings: ResolvedSettings,
  seed: number,
  deadline: number | undefined,
): Promise<Measured[]> {
  settings.progress.begin(pair.name, settings.rounds);
  try {
    const samples = await withSetup(pair, () =>
      runRounds(unitsFor(pair, tasks), { ...settings, random: createRandom(seed), deadline }),
    );
    return tasks.map((task) => ({
      pair,
      task,
      ...estimateRatio(samples.get(`head:${task}`)!, samples.get(`base:${task}`)!, { seed }),
    }));
  } finally {
    settings.progress.end();
  }
}

function isFlagged(
  estimate: RatioEstimate,
  pAdjusted: number,
  settings: ResolvedSettings,
): boolean {
  return pAdjusted < settings.alpha && estimate.low > 1 + settings.threshold;
}

function firstVerdict(
  m: Measured,
  pAdjusted: number,
  settings: ResolvedSettings,
): BenchmarkVerdict {
  const step = 1 + settings.threshold;
  if (m.n < settings.minRounds) return 'too-few-rounds';
  if (isFlagged(m, pAdjusted, settings)) return 'regression';
  if (pAdjusted < settings.alpha && m.high < 1 / step) return 'improvement';
  // Half the log-width beyond ln(1 + t): even a change of 2t could have gone unseen.
  return Math.log(m.high / m.low) / 2 > Math.log(step) ? 'inconclusive' : 'unchanged';
}

function toComparison(
  m: Measured,
  pAdjusted: number,
  verdict: BenchmarkVerdict,
): BenchmarkComparison {
  const { pair, task, ratio, low, high, p, n } = m;
  const file = pair.file === undefined ? {} : { file: pair.file };
  return { scenario: pair.name, task, ...file, ratio, low, high, p, n, pAdjusted, verdict };
}

async function measureAll(
  pairs: readonly ScenarioPair[],
  settings: ResolvedSettings,
  end: number | undefined,
  only?: ReadonlySet<string>,
): Promise<Measured[]> {
  const selected = pairs.map((pair) =>
    sharedTasks(pair).filter((task) => !only || only.has(`${pair.name}\u0000${task}`)),
  );
  let remaining = selected.reduce((sum, tasks) => sum + tasks.length, 0);
  const results: Measured[] = [];
  for (const [index, pair] of pairs.entries()) {
    const tasks = selected[index]!;
    if (tasks.length === 0) continue;
    const deadline = shareDeadline(end, tasks.length, remaining);
    remaining -= tasks.length;
    results.push(...(await measurePair(pair, tasks, settings, settings.seed + index, deadline)));
  }
  return results;
}

async function confirm(
  pairs: readonly ScenarioPair[],
  first: BenchmarkComparison[],
  settings: ResolvedSettings,
): Promise<BenchmarkComparison[]> {
  const flagged = new Set(
    first.filter((b) => b.verdict === 'regression').map((b) => `${b.scenario}\u0000${b.task}`),
  );
  if (flagged.size === 0) return first;
  // The re-run gets as many rounds as the first run managed within the budget.
  const rounds = Math.max(...first.filter((b) => b.verdict === 'regression').map((b) => b.n));
  const rerun = await measureAll(
    pairs,
    { ...settings, rounds, seed: settings.seed + 7919 },
    undefined,
    flagged,
  );
  const adjusted = holm(rerun.map((m) => m.p));
  return first.map((b) => {
    const index = rerun.findIndex((m) => m.pair.name === b.scenario && m.task === b.task);
    if (index < 0) return b;
    const m = rerun[index]!;
    const again = {
      ratio: m.ratio,
      low: m.low,
      high: m.high,
      p: m.p,
      n: m.n,
      pAdjusted: adjusted[index]!,
    };
    const verdict = isFlagged(m, again.pAdjusted, settings) ? 'regression' : 'unconfirmed';
    return { ...b, verdict, rerun: again };
  });
}

function listDifference(pairs: readonly ScenarioPair[], from: 'base' | 'head'): string[] {
  const other = from === 'base' ? 'head' : 'base';
  return pairs.flatMap((pair) =>
    Object.keys(pair[from].tasks)
      .filter((task) => !(task in pair[other].tasks))
      .map((task) => `${pair.name} › ${task}`),
  );
}

function header(
  settings: ResolvedSettings,
): Omit<CompareReport, 'status' | 'benchmarks' | 'added' | 'removed'> {
  const { rounds, timeMs, statistic, threshold, alpha, seed } = settings;
  return {
    kind: 'compare',
    node: process.version,
    rounds,
    timeMs,
    statistic,
    threshold,
    alpha,
    seed,
  };
}

function publish(benchmarks: readonly BenchmarkComparison[]): void {
  if (!benchmarkChannel.hasSubscribers) return;
  for (const benchmark of benchmarks) benchmarkChannel.publish(benchmark);
}

/**
 * The regression gate: measures each benchmark's base and head versions in interleaved
 * rounds (random order each round), estimates the median head/base cost ratio with a
 * bootstrap 95% interval, Holm-corrects the p-values across the suite, and flags a
 * regression only when it is significant *and* the whole interval lies above
 * `1 + threshold`. Flagged benchmarks are re-run once and must be flagged again.
 * An A/A noise probe runs first; on a machine too noisy to decide, the status is
 * `too-noisy` and no benchmark is judged.
 *
 * Publishes each judged benchmark on `hotpath:bench:benchmark` (diagnostics_channel).
 */
export async function compareScenarios(
  pairs: readonly ScenarioPair[],
  options: CompareOptions = {},
): Promise<CompareReport> {
  const settings = resolveSettings({ rounds: 30, timeMs: 40, ...options });
  const lists = { added: listDifference(pairs, 'head'), removed: listDifference(pairs, 'base') };
  const end = settings.budgetMs === undefined ? undefined : performance.now() + settings.budgetMs;
  const units = pairs.reduce((sum, pair) => sum + sharedTasks(pair).length, 0);
  const probe =
    options.probe === false
      ? undefined
      : await probeNoise(settings, options.noiseLimit, shareDeadline(end, 1, units + 1));
  const probed = probe === undefined ? {} : { probe };
  if (probe?.tooNoisy)
    return { ...header(settings), status: 'too-noisy', ...probed, benchmarks: [], ...lists };
  const measured = await measureAll(pairs, settings, end);
  const adjusted = holm(measured.map((m) => m.p));
  const first = measured.map((m, i) =>
    toComparison(m, adjusted[i]!, firstVerdict(m, adjusted[i]!, settings)),
  );
  const benchmarks = options.confirm === false ? first : await confirm(pairs, first, settings);
  publish(benchmarks);
  const status = benchmarks.some((b) => b.verdict === 'regression') ? 'regression' : 'pass';
  return { ...header(settings), status, ...probed, benchmarks, ...lists };
}
