import { type CostSummary, PAIR_TRIM } from './compare.ts';
import { estimateRatio, type RatioEstimate } from './estimate.ts';
import type { Statistic } from './internal/measure.ts';
import { type MeasuredScenario, measurePlans } from './internal/measure-plans.ts';
import { runPlans } from './internal/pairing.ts';
import { describeScenarios, LocalSide } from './internal/side.ts';
import type { Scenario, Target } from './scenario.ts';
import { type MeasureSettings, type ResolvedSettings, resolveSettings } from './settings.ts';
import { holm } from './stats/holm.ts';
import { logRatios } from './stats/log-ratio.ts';
import { median } from './stats/median.ts';
import { tInterval, tTestP } from './stats/t-interval.ts';

/** A scenario to run, with the file it came from (for reports). */
export interface LoadedScenario {
  readonly scenario: Scenario;
  /** Path of the `*.bench.ts` file, relative to where the run started. */
  readonly file?: string;
}

/** Measured cost of one task. */
export interface TaskReport extends CostSummary {
  readonly name: string;
  /** `1000 / msPerCall`. */
  readonly opsPerSec: number;
  /** `opsPerSec × itemsPerCall`. */
  readonly itemsPerSec: number;
}

/**
 * What a target check concluded. `broken`: the task is confidently below `min` by more
 * than the threshold (this fails the run); `met`: the estimate reaches `min`;
 * `within-noise`: below `min` but not confidently so; `known-gap`: broken, with a reason
 * given in the scenario (does not fail); `too-few-rounds`: no verdict (smoke runs).
 */
export type TargetVerdict = 'met' | 'within-noise' | 'broken' | 'known-gap' | 'too-few-rounds';

/** A target's paired throughput ratio task/peer (above 1: the task is faster). */
export interface RatioReport extends RatioEstimate {
  readonly scenario: string;
  readonly task: string;
  readonly peer: string;
  /** The promised minimum. */
  readonly min: number;
  /** The scenario's reason why the target is known not to be met yet. */
  readonly knownGap?: string | undefined;
  /** Holm-adjusted p-value across every target of the suite. */
  readonly pAdjusted: number;
  readonly verdict: TargetVerdict;
}

/** One scenario's results. */
export interface ScenarioReport {
  readonly name: string;
  readonly file?: string;
  readonly tasks: readonly TaskReport[];
  /** One per target (empty when the scenario has none). */
  readonly ratios: readonly RatioReport[];
}

/** What {@link runSuite} (and `hotpath-bench run`) report. */
export interface SuiteReport {
  readonly kind: 'run';
  readonly node: string;
  /** Measuring processes; with 1, intervals show the variation between rounds only. */
  readonly processes: number;
  readonly rounds: number;
  readonly timeMs: number;
  readonly statistic: Statistic;
  readonly threshold: number;
  readonly seed: number;
  readonly scenarios: readonly ScenarioReport[];
  /** Number of broken targets; the run fails when it is above 0. */
  readonly broken: number;
}

function sd(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1));
}

/** One side's cost: over processes when there are several, else over rounds. */
function costOf(perProcess: readonly (readonly number[])[]): CostSummary {
  if (perProcess.length === 1) {
    const rounds = perProcess[0]!;
    return { msPerCall: median(rounds), spread: sd(rounds.map(Math.log)) };
  }
  const logs = perProcess.map((rounds) => Math.log(median(rounds)));
  const mean = logs.reduce((sum, value) => sum + value, 0) / logs.length;
  return { msPerCall: Math.exp(mean), spread: sd(logs) };
}

function taskReport(name: string, perProcess: readonly (readonly number[])[], items = 1) {
  const cost = costOf(perProcess);
  const opsPerSec = 1000 / cost.msPerCall;
  return { name, ...cost, opsPerSec, itemsPerSec: opsPerSec * items };
}

/** Throughput ratio task/peer = cost ratio peer/task, over processes or (one process) rounds. */
function targetEstimate(
  processes: readonly MeasuredScenario[],
  target: Target,
  seed: number,
): RatioEstimate {
  const pairs = processes.map((p) => [p.samples[target.peer]!, p.samples[target.task]!] as const);
  if (pairs.length === 1) {
    const [peer, task] = pairs[0]!;
    return estimateRatio(peer, task, { seed, nullRatio: target.min });
  }
  const logs = pairs.map(([peer, task]) => median(logRatios(peer, task)));
  const interval = tInterval(logs, 0.95, { trim: PAIR_TRIM });
  const p = tTestP(logs, Math.log(target.min), 'two-sided', { trim: PAIR_TRIM });
  return {
    ratio: Math.exp(interval.mean),
    low: Math.exp(interval.low),
    high: Math.exp(interval.high),
    p,
    n: logs.length,
  };
}

type Draft = Omit<RatioReport, 'pAdjusted' | 'verdict'> & { readonly rounds: number };

function scenarioDrafts(processes: readonly MeasuredScenario[], seed: number): Draft[] {
  const first = processes[0]!;
  const rounds = Math.min(...processes.map((p) => p.samples[first.tasks[0]!]?.length ?? 0));
  return first.targets.map((target) => ({
    scenario: first.name,
    task: target.task,
    peer: target.peer,
    min: target.min,
    ...(target.knownGap === undefined ? {} : { knownGap: target.knownGap }),
    ...targetEstimate(processes, target, seed),
    rounds,
  }));
}

function targetVerdict(
  draft: Draft,
  pAdjusted: number,
  settings: Pick<ResolvedSettings, 'alpha' | 'threshold' | 'minRounds'>,
): TargetVerdict {
  if (draft.rounds < settings.minRounds) return 'too-few-rounds';
  if (pAdjusted < settings.alpha && draft.high < draft.min / (1 + settings.threshold)) {
    return draft.knownGap === undefined ? 'broken' : 'known-gap';
  }
  return draft.ratio >= draft.min ? 'met' : 'within-noise';
}

/**
 * Judges every target of the suite together: p-values are Holm-adjusted across all
 * targets, and a target is `broken` only when it is significant after adjustment and
 * the whole confidence interval lies below `min / (1 + threshold)`.
 */
function judgeTargets(drafts: readonly Draft[], settings: ResolvedSettings): RatioReport[] {
  const adjusted = holm(drafts.map((draft) => draft.p));
  return drafts.map(({ rounds: _rounds, ...draft }, index) => {
    const pAdjusted = adjusted[index]!;
    return { ...draft, pAdjusted, verdict: targetVerdict(drafts[index]!, pAdjusted, settings) };
  });
}

function scenarioReport(processes: readonly MeasuredScenario[], ratios: RatioReport[]) {
  const first = processes[0]!;
  const tasks = first.tasks.map((task) =>
    taskReport(
      task,
      processes.map((p) => p.samples[task]!),
      first.itemsPerCall,
    ),
  );
  return { name: first.name, ...(first.file ? { file: first.file } : {}), tasks, ratios };
}

/**
 * Builds the report of a run from what each measuring process measured (`perProcess[i]`
 * holds process `i`'s scenarios, in the same order in every process). With several
 * processes, time per call and target ratios are estimated over processes (Student-t
 * interval); with one, over its rounds (bootstrap).
 */
export function analyzeRun(
  perProcess: readonly (readonly MeasuredScenario[])[],
  settings: ResolvedSettings,
): SuiteReport {
  const byScenario = (perProcess[0] ?? []).map((_, i) => perProcess.map((list) => list[i]!));
  const drafts = byScenario.map((processes, i) =>
    scenarioDrafts(
      processes,
      (settings.seed + i) >>> 0 /* derived seeds wrap to the generator's 32 bits */,
    ),
  );
  const judged = judgeTargets(drafts.flat(), settings);
  let offset = 0;
  const scenarios = byScenario.map((processes, i) => {
    const ratios = judged.slice(offset, offset + drafts[i]!.length);
    offset += ratios.length;
    return scenarioReport(processes, ratios);
  });
  const { rounds, timeMs, statistic, threshold, seed } = settings;
  return {
    kind: 'run',
    node: process.version,
    processes: perProcess.length,
    ...{ rounds, timeMs, statistic, threshold, seed },
    scenarios,
    broken: judged.filter((ratio) => ratio.verdict === 'broken').length,
  };
}

/**
 * Runs scenarios in this process in interleaved rounds, reports each task's time per
 * call, and checks the targets (task/peer throughput ratios) with bootstrap intervals
 * over rounds and Holm's correction. `hotpath-bench run` measures the same way in child
 * processes, and with `--processes` in several of them.
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
  const loaded = scenarios.map(({ scenario, file }) => ({ scenario, file: file ?? '' }));
  const { timeMs, statistic, signal } = settings;
  const side = new LocalSide(
    loaded.map((entry) => entry.scenario),
    { timeMs, statistic, signal },
  );
  const plans = runPlans(describeScenarios(loaded), side, []);
  return analyzeRun([await measurePlans(plans, settings, 'measuring')], settings);
}
