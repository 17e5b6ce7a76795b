import { type EstimateOptions, estimateRatio, type RatioEstimate } from './estimate.ts';
import type { Statistic } from './internal/measure.ts';
import { runRounds } from './internal/rounds.ts';
import { type Progress, silentProgress } from './progress.ts';
import { isHotpathTask, type Scenario } from './scenario.ts';
import { holm } from './stats/holm.ts';
import { median } from './stats/median.ts';
import { createRandom } from './stats/random.ts';

/** A scenario to run, with the file it came from (for reports). */
export interface LoadedScenario {
  readonly scenario: Scenario;
  /** Path of the `*.bench.ts` file, relative to where the run started. */
  readonly file?: string;
}

/** Options shared by {@link runSuite} and `compareScenarios`. */
export interface MeasureSettings {
  /** Interleaved rounds; each measures every task once, in random order. @default 10 */
  readonly rounds?: number;
  /** tinybench time budget per task per round, in ms. @default 100 */
  readonly timeMs?: number;
  /** Per-round cost: median call (robust to preemption) or mean call (throughput). @default 'median' */
  readonly statistic?: Statistic;
  /** Practical threshold: changes smaller than this fraction never fail. @default 0.05 */
  readonly threshold?: number;
  /** Family-wise significance level, after Holm's correction. @default 0.05 */
  readonly alpha?: number;
  /** Seed of the round order and the bootstrap, for reproducible runs. @default random */
  readonly seed?: number;
  /** Below this many rounds no verdict is given (smoke runs). @default 6 */
  readonly minRounds?: number;
  /**
   * Time budget in ms for all the measuring: each scenario gets an equal share of what is
   * left and stops early at a round boundary, never below `minRounds`. @default none
   */
  readonly budgetMs?: number;
  /** Receives progress; see `createProgress`. @default silent */
  readonly progress?: Progress;
  /** Aborts the run between measurements. */
  readonly signal?: AbortSignal;
}

/** Measured cost of one task. */
export interface TaskReport {
  readonly name: string;
  /** Median over rounds of the per-round cost, in ms per call. */
  readonly msPerCall: number;
  /** `1000 / msPerCall`. */
  readonly opsPerSec: number;
  /** `opsPerSec × itemsPerCall`. */
  readonly itemsPerSec: number;
}

/**
 * What a ratio check concluded. `broken`: the task is confidently below `min` by more
 * than the threshold (this fails the run); `met`: the median reaches `min`;
 * `within-noise`: below `min` but not confidently so; `too-few-rounds`: no verdict
 * (smoke runs); `info`: no target, shown for information.
 */
export type TargetVerdict =
  | 'met'
  | 'within-noise'
  | 'broken'
  | 'known-gap'
  | 'too-few-rounds'
  | 'info';

/** A paired throughput ratio task/peer (above 1: the task is faster). */
export interface RatioReport extends RatioEstimate {
  readonly scenario: string;
  readonly task: string;
  readonly peer: string;
  /** The promised minimum, when the scenario has a target for this pair. */
  readonly min?: number;
  /** The scenario's reason why the target is known not to be met yet. */
  readonly knownGap?: string | undefined;
  /** Holm-adjusted p-value across every target of the suite. */
  readonly pAdjusted?: number;
  readonly verdict: TargetVerdict;
}

/** One scenario's results. */
export interface ScenarioReport {
  readonly name: string;
  readonly file?: string;
  readonly tasks: readonly TaskReport[];
  readonly ratios: readonly RatioReport[];
}

/** What {@link runSuite} returns. */
export interface SuiteReport {
  readonly kind: 'run';
  readonly node: string;
  readonly rounds: number;
  readonly timeMs: number;
  readonly statistic: Statistic;
  readonly threshold: number;
  readonly seed: number;
  readonly scenarios: readonly ScenarioReport[];
  /** Number of broken targets; the run fails when it is above 0. */
  readonly broken: number;
}

/** Settings with defaults applied. */
export interface ResolvedSettings {
  readonly rounds: number;
  readonly timeMs: number;
  readonly statistic: Statistic;
  readonly threshold: number;
  readonly alpha: number;
  readonly seed: number;
  readonly minRounds: number;
  readonly progress: Progress;
  readonly signal?: AbortSignal | undefined;
  readonly budgetMs?: number | undefined;
}

/**
 * The deadline of the next piece of work of size `weight`, when `remaining` (including
 * it) is left and the budget ends at `end` (a `performance.now()` time): its share of
 * what is left. Undefined without a budget.
 */
export function shareDeadline(
  end: number | undefined,
  weight: number,
  remaining: number,
): number | undefined {
  if (end === undefined) return undefined;
  const now = performance.now();
  return now + (Math.max(0, end - now) * weight) / Math.max(weight, remaining);
}

/** Applies the defaults of {@link MeasureSettings}. */
export function resolveSettings(settings: MeasureSettings): ResolvedSettings {
  return {
    rounds: settings.rounds ?? 10,
    timeMs: settings.timeMs ?? 100,
    statistic: settings.statistic ?? 'median',
    threshold: settings.threshold ?? 0.05,
    alpha: settings.alpha ?? 0.05,
    seed: settings.seed ?? Math.floor(Math.random() * 2 ** 31),
    minRounds: settings.minRounds ?? 6,
    progress: settings.progress ?? silentProgress,
    signal: settings.signal,
    budgetMs: settings.budgetMs,
  };
}

interface Pair {
  readonly task: string;
  readonly peer: string;
  readonly min?: number;
  readonly knownGap?: string | undefined;
}

function pairsOf(scenario: Scenario): Pair[] {
  const names = Object.keys(scenario.tasks);
  if (scenario.targets) {
    const first = names.find(isHotpathTask);
    return scenario.targets.map(({ task = first!, peer, min, knownGap }) => ({
      task,
      peer,
      min,
      knownGap,
    }));
  }
  return names
    .filter(isHotpathTask)
    .flatMap((task) =>
      names.filter((peer) => !isHotpathTask(peer)).map((peer) => ({ task, peer })),
    );
}

async function measureScenario(
  scenario: Scenario,
  settings: ResolvedSettings,
  seed: number,
  deadline: number | undefined,
): Promise<Map<string, number[]>> {
  const units = Object.entries(scenario.tasks).map(([name, fn]) => ({
    id: name,
    label: `${scenario.name} › ${name}`,
    fn,
  }));
  settings.progress.begin(scenario.name, settings.rounds);
  await scenario.setup?.();
  try {
    return await runRounds(units, { ...settings, random: createRandom(seed), deadline });
  } finally {
    await scenario.teardown?.();
    settings.progress.end();
  }
}

function taskReports(scenario: Scenario, samples: Map<string, number[]>): TaskReport[] {
  return Object.keys(scenario.tasks).map((name) => {
    const msPerCall = median(samples.get(name)!);
    const opsPerSec = 1000 / msPerCall;
    return { name, msPerCall, opsPerSec, itemsPerSec: opsPerSec * (scenario.itemsPerCall ?? 1) };
  });
}

function ratioReport(
  scenario: Scenario,
  pair: Pair,
  samples: Map<string, number[]>,
  options: EstimateOptions,
): RatioReport {
  // Throughput ratio task/peer is the cost ratio peer/task.
  const estimate = estimateRatio(samples.get(pair.peer)!, samples.get(pair.task)!, {
    ...options,
    nullRatio: pair.min ?? 1,
  });
  const base = { scenario: scenario.name, task: pair.task, peer: pair.peer, ...estimate };
  return pair.min === undefined
    ? { ...base, verdict: 'info' }
    : { ...base, min: pair.min, knownGap: pair.knownGap, verdict: 'met' };
}

/**
 * Judges every target of the suite together: p-values are Holm-adjusted across all
 * targets, and a target is `broken` only when it is significant after adjustment and
 * the whole confidence interval lies below `min / (1 + threshold)`.
 */
export function judgeTargets(
  ratios: readonly RatioReport[],
  settings: Pick<ResolvedSettings, 'alpha' | 'threshold' | 'minRounds'>,
): RatioReport[] {
  const targeted = ratios.filter((ratio) => ratio.min !== undefined);
  const adjusted = holm(targeted.map((ratio) => ratio.p));
  return ratios.map((ratio) => {
    const index = targeted.indexOf(ratio);
    if (index < 0) return ratio;
    const pAdjusted = adjusted[index]!;
    return { ...ratio, pAdjusted, verdict: targetVerdict(ratio, pAdjusted, settings) };
  });
}

function targetVerdict(
  ratio: RatioReport,
  pAdjusted: number,
  settings: Pick<ResolvedSettings, 'alpha' | 'threshold' | 'minRounds'>,
): TargetVerdict {
  const min = ratio.min!;
  if (ratio.n < settings.minRounds) return 'too-few-rounds';
  if (pAdjusted < settings.alpha && ratio.high < min / (1 + settings.threshold)) {
    return ratio.knownGap === undefined ? 'broken' : 'known-gap';
  }
  return ratio.ratio >= min ? 'met' : 'within-noise';
}

/**
 * Runs scenarios in interleaved rounds, reports each task's cost and every hotpath
 * task's paired throughput ratio to its peers (or to the scenario's `targets`), and
 * checks the targets with bootstrap intervals and Holm's correction.
 *
 * @example
 * ```ts
 * const report = await runSuite([{ scenario }], { rounds: 20, timeMs: 50 });
 * if (report.broken > 0) process.exitCode = 1;
 * ```
 */
export async function runSuite(
  scenarios: readonly LoadedScenario[],
  options: MeasureSettings = {},
): Promise<SuiteReport> {
  const settings = resolveSettings(options);
  const reports: ScenarioReport[] = [];
  const end = settings.budgetMs === undefined ? undefined : performance.now() + settings.budgetMs;
  let remaining = scenarios.reduce(
    (sum, { scenario }) => sum + Object.keys(scenario.tasks).length,
    0,
  );
  for (const [index, { scenario, file }] of scenarios.entries()) {
    const weight = Object.keys(scenario.tasks).length;
    const deadline = shareDeadline(end, weight, remaining);
    remaining -= weight;
    const samples = await measureScenario(scenario, settings, settings.seed + index, deadline);
    const ratios = pairsOf(scenario).map((pair) =>
      ratioReport(scenario, pair, samples, { seed: settings.seed }),
    );
    const tasks = taskReports(scenario, samples);
    reports.push({ name: scenario.name, ...(file ? { file } : {}), tasks, ratios });
  }
  return finishSuite(reports, settings);
}

function finishSuite(reports: ScenarioReport[], settings: ResolvedSettings): SuiteReport {
  const judged = judgeTargets(
    reports.flatMap((report) => report.ratios),
    settings,
  );
  let offset = 0;
  const scenarios = reports.map((report) => {
    const ratios = judged.slice(offset, offset + report.ratios.length);
    offset += report.ratios.length;
    return { ...report, ratios };
  });
  const { rounds, timeMs, statistic, threshold, seed } = settings;
  return {
    kind: 'run',
    node: process.version,
    ...{ rounds, timeMs, statistic, threshold, seed },
    scenarios,
    broken: judged.filter((ratio) => ratio.verdict === 'broken').length,
  };
}
