import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  analyzeComparison,
  type BenchmarkSamples,
  type CompareReport,
  publishComparisons,
} from './compare.ts';
import { BenchArgumentError } from './errors.ts';
import type { MeasuredScenario } from './internal/measure-plans.ts';
import { measureCompare } from './internal/processes.ts';
import { type MeasureSettings, resolveSettings } from './settings.ts';

/** Options for {@link compareTrees}. */
export interface CompareTreesOptions extends MeasureSettings {
  /** Root of the head tree (the working tree); `files` are found relative to it. */
  readonly head: string;
  /** Root of the base tree, laid out like the head (a `git worktree` of the base revision). */
  readonly base: string;
  /** The head's `*.bench.ts` files (absolute, or relative to `head`); each is paired with the same path under `base`. */
  readonly files: readonly string[];
  /** Base/head process pairs, one after the other; the interval rests on their spread (≥ 2). @default 6 */
  readonly processes?: number;
  /** Compare only tasks whose `scenario › task` contains one of these texts. @default all */
  readonly tasks?: readonly string[];
  /** A benchmark whose interval is wider than ±this fraction is `inconclusive`. @default threshold */
  readonly noiseLimit?: number;
  /** Receives what the scenarios print in the measuring processes. @default discarded */
  readonly output?: (text: string) => void;
  /** Environment of the measuring processes. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Defaults of `compareTrees` and `hotpath-bench compare`: base/head process pairs, recorded
 * rounds per pair, ms per side per round, fewest rounds judged, and the threshold.
 */
export const COMPARE_DEFAULTS: {
  readonly processes: number;
  readonly rounds: number;
  readonly timeMs: number;
  readonly minRounds: number;
  readonly threshold: number;
} = { processes: 10, rounds: 5, timeMs: 15, minRounds: 3, threshold: 0.02 };

function toSamples(measured: readonly (readonly MeasuredScenario[])[]): BenchmarkSamples[] {
  const byKey = new Map<string, BenchmarkSamples & { processes: ProcessList }>();
  for (const scenarios of measured) {
    for (const scenario of scenarios) {
      for (const task of scenario.tasks) {
        const key = `${scenario.file}\u0000${scenario.name}\u0000${task}`;
        let entry = byKey.get(key);
        if (!entry) {
          entry = { scenario: scenario.name, task, file: scenario.file, processes: [] };
          byKey.set(key, entry);
        }
        const base = scenario.samples[`base:${task}`]!;
        const head = scenario.samples[`head:${task}`]!;
        entry.processes.push({ base, head });
      }
    }
  }
  return [...byKey.values()];
}

type ProcessList = { base: readonly number[]; head: readonly number[] }[];

/**
 * The regression gate on two trees: runs every selected benchmark's base and head
 * copies in `processes` independent processes, each in interleaved rounds, and judges
 * them with {@link analyzeComparison}. Files missing under `base` count as new.
 *
 * @example
 * ```ts
 * const checkout = await checkoutBase({ repo: '.', ref: 'origin/main' });
 * try {
 *   const files = discoverBenchFiles('benchmarks');
 *   const report = await compareTrees({ head: checkout.headRoot, base: checkout.dir, files });
 *   if (report.status === 'regression') process.exitCode = 1;
 * } finally {
 *   await checkout.close();
 * }
 * ```
 */
export async function compareTrees(options: CompareTreesOptions): Promise<CompareReport> {
  const settings = resolveSettings({ ...COMPARE_DEFAULTS, ...options });
  const processes = options.processes ?? COMPARE_DEFAULTS.processes;
  if (!(Number.isInteger(processes) && processes >= 2)) {
    throw new BenchArgumentError(
      `compareTrees: "processes" must be an integer ≥ 2 (the interval rests on their spread), got ${processes}`,
    );
  }
  const noiseLimit = options.noiseLimit ?? settings.threshold;
  const head = resolve(options.head);
  const files = options.files.map((file) => {
    const path = resolve(head, file);
    const rel = relative(head, path);
    const base = join(resolve(options.base), rel);
    return { rel, head: path, base: existsSync(base) ? base : undefined };
  });
  const { rounds, timeMs, statistic, minRounds, seed } = settings;
  const { measured, added, removed } = await measureCompare(files, {
    ...settings,
    processes,
    select: options.tasks ?? [],
    cwd: head,
    env: options.env ?? process.env,
    output: options.output ?? (() => {}),
  });
  const judge = { threshold: settings.threshold, alpha: settings.alpha, noiseLimit, minRounds };
  const { benchmarks, status } = analyzeComparison(toSamples(measured), judge);
  publishComparisons(benchmarks);
  return {
    kind: 'compare',
    node: process.version,
    processes,
    ...{ rounds, timeMs, statistic, threshold: settings.threshold, alpha: settings.alpha },
    noiseLimit,
    seed,
    status,
    benchmarks,
    added,
    removed,
  };
}
