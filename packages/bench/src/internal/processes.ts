import type { Progress } from '../progress.ts';
import type { Statistic } from './measure.ts';
import { type MeasuredScenario, measurePlans } from './measure-plans.ts';
import { comparePlans, type Differences, runPlans, type ScenarioPlan } from './pairing.ts';
import type { Side } from './side.ts';
import { MeasuringProcess, type ProcessOptions } from './worker-client.ts';

/** A scenario file: its path relative to the tree, and where each tree has it. */
export interface PlannedFile {
  readonly rel: string;
  readonly head: string;
  /** Absent in `run`, and in `compare` when the base has no such file. */
  readonly base?: string | undefined;
}

/** How processes measure. */
export interface ProcessesOptions extends Omit<ProcessOptions, 'signal'> {
  /** Independent processes (`run`) or base/head process pairs (`compare`), one after the other. */
  readonly processes: number;
  readonly rounds: number;
  readonly timeMs: number;
  readonly statistic: Statistic;
  readonly minRounds: number;
  readonly seed: number;
  /** Keep only tasks whose `scenario › task` contains one of these (all when empty). */
  readonly select: readonly string[];
  /** Measuring time for all processes together, in ms; each gets a share of what is left. */
  readonly budgetMs?: number | undefined;
  readonly progress: Progress;
  readonly signal?: AbortSignal | undefined;
}

/** What the processes measured: `measured[i]` holds process (or pair) `i`'s scenarios. */
export interface ProcessesResult extends Differences {
  readonly measured: readonly (readonly MeasuredScenario[])[];
}

function share(options: ProcessesOptions, end: number | undefined, i: number): number | undefined {
  return end === undefined
    ? undefined
    : Math.max(0, end - performance.now()) / (options.processes - i);
}

function label(options: ProcessesOptions, kind: string, i: number): string {
  return options.processes === 1 ? 'measuring' : `${kind} ${i + 1}/${options.processes}`;
}

/**
 * `run`: measures the head's scenarios `processes` times, one repetition after the other, each
 * with its own seed (round order, file order). Each scenario file is measured in a fresh process
 * of its own: in one shared process a task measures what earlier files left behind (their JIT
 * feedback on shared code, their heap, their timers and threads), which once made one task of
 * this repository 0.3× its peer after some files and 27× after others.
 */
export async function measureRun(
  files: readonly PlannedFile[],
  options: ProcessesOptions,
): Promise<ProcessesResult> {
  const end = options.budgetMs === undefined ? undefined : performance.now() + options.budgetMs;
  const measured: MeasuredScenario[][] = [];
  for (let i = 0; i < options.processes; i++) {
    const seed = (options.seed + 7919 * (i + 1)) >>> 0;
    const settings = { ...options, seed, budgetMs: share(options, end, i) };
    measured.push(await measureFilesApart(files, settings, label(options, 'process', i)));
  }
  return { measured, added: [], removed: [] };
}

/**
 * A file's measuring process, closed as soon as the last of its scenarios is torn down, so
 * nothing it left running (a timer, a thread) competes with the files measured after it.
 */
class ClosingSide implements Side {
  readonly #process: MeasuringProcess;
  /** Scenarios still to be torn down. */
  left = 0;

  constructor(process: MeasuringProcess) {
    this.#process = process;
  }

  setup(scenario: number): Promise<void> {
    return this.#process.setup(scenario);
  }

  measure(scenario: number, task: string, warmup: boolean): Promise<number> {
    return this.#process.measure(scenario, task, warmup);
  }

  async teardown(scenario: number): Promise<void> {
    try {
      await this.#process.teardown(scenario);
    } finally {
      if (--this.left === 0) await this.#process.close();
    }
  }
}

/**
 * Loads each file in a process of its own, then measures all their scenarios in
 * {@link measurePlans}' order and budget shares.
 */
async function measureFilesApart(
  files: readonly PlannedFile[],
  options: ProcessesOptions,
  label: string,
): Promise<MeasuredScenario[]> {
  const sides: MeasuringProcess[] = [];
  try {
    const plans: ScenarioPlan[] = [];
    const { timeMs, statistic } = options;
    for (const file of files) {
      const side = new MeasuringProcess(options);
      sides.push(side);
      const infos = await side.load([{ rel: file.rel, path: file.head }], {
        timeMs,
        statistic,
        targets: true,
      });
      const closing = new ClosingSide(side);
      const selected = runPlans(infos, closing, options.select);
      closing.left = selected.length;
      // A file with no selected task needs no process waiting for the others.
      if (selected.length === 0) await side.close();
      plans.push(...selected);
    }
    return await measurePlans(plans, options, label);
  } finally {
    await Promise.all(sides.map((side) => side.close()));
  }
}

async function pairPlans(
  files: readonly PlannedFile[],
  { base, head }: { base: MeasuringProcess; head: MeasuringProcess },
  options: ProcessesOptions,
): Promise<{ plans: ScenarioPlan[]; differences: Differences }> {
  const { timeMs, statistic } = options;
  const baseFiles = files.flatMap((f) => (f.base ? [{ rel: f.rel, path: f.base }] : []));
  const headFiles = files.map((f) => ({ rel: f.rel, path: f.head }));
  const [baseInfos, headInfos] = await Promise.all([
    base.load(baseFiles, { timeMs, statistic, targets: false, side: '(base)' }),
    head.load(headFiles, { timeMs, statistic, targets: false, side: '(head)' }),
  ]);
  const differences: Differences = { added: [], removed: [] };
  const plans = comparePlans(
    { side: base, infos: baseInfos },
    { side: head, infos: headInfos },
    options.select,
    differences,
  );
  return { plans, differences };
}

/**
 * `compare`: measures base and head in `processes` pairs of fresh processes, one pair
 * after the other. In a pair, one process holds the base's scenarios and the other the
 * head's, so neither copy's compiled code or memory layout depends on the other's; the
 * parent has them take turns task by task (random side first), so both see the same load.
 */
export async function measureCompare(
  files: readonly PlannedFile[],
  options: ProcessesOptions,
): Promise<ProcessesResult> {
  const end = options.budgetMs === undefined ? undefined : performance.now() + options.budgetMs;
  const measured: MeasuredScenario[][] = [];
  let differences: Differences = { added: [], removed: [] };
  for (let i = 0; i < options.processes; i++) {
    const v8Seed = options.seed + 104_729 * (i + 1);
    const base = new MeasuringProcess({ ...options, v8Seed });
    const head = new MeasuringProcess({ ...options, v8Seed });
    try {
      const found = await pairPlans(files, { base, head }, options);
      if (i === 0) differences = found.differences;
      const seed = (options.seed + 7919 * (i + 1)) >>> 0;
      const settings = { ...options, seed, budgetMs: share(options, end, i) };
      measured.push(await measurePlans(found.plans, settings, label(options, 'pair', i)));
    } finally {
      await Promise.all([base.close(), head.close()]);
    }
  }
  return { measured, ...differences };
}
