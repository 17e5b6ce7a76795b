import type { Progress } from '../progress.ts';
import { shareDeadline } from '../settings.ts';
import { createRandom, type Random, shuffle } from '../stats/random.ts';
import type { ScenarioPlan } from './pairing.ts';
import { runRounds, type Unit } from './rounds.ts';

/** The samples of one scenario from one process (or pair of processes). */
export interface MeasuredScenario {
  readonly name: string;
  readonly file: string;
  readonly itemsPerCall?: number | undefined;
  readonly tasks: readonly string[];
  readonly targets: ScenarioPlan['targets'];
  /** Unit id (`task` in `run`; `base:task` and `head:task` in `compare`) → ms per call, per round. */
  readonly samples: Readonly<Record<string, readonly number[]>>;
}

/** How {@link measurePlans} measures. */
export interface PlanSettings {
  readonly rounds: number;
  readonly minRounds: number;
  readonly seed: number;
  /** Measuring time for all the plans, in ms. */
  readonly budgetMs?: number | undefined;
  readonly progress: Progress;
  readonly signal?: AbortSignal | undefined;
}

function groupsOf(plan: ScenarioPlan): Unit[][] {
  return plan.tasks.map((task) =>
    plan.sides.map(({ side, index, prefix }) => ({
      id: `${prefix}${task}`,
      measure: (warmup: boolean) => side.measure(index, task, warmup),
    })),
  );
}

async function measurePlan(
  plan: ScenarioPlan,
  settings: PlanSettings,
  seed: number,
  deadline: number | undefined,
): Promise<MeasuredScenario> {
  const done: ScenarioPlan['sides'][number][] = [];
  let samples: Map<string, number[]>;
  try {
    for (const ref of plan.sides) {
      await ref.side.setup(ref.index);
      done.push(ref);
    }
    samples = await runRounds(groupsOf(plan), {
      ...settings,
      random: createRandom(seed),
      deadline,
    });
  } finally {
    for (const ref of done.reverse()) await ref.side.teardown(ref.index);
  }
  const { name, file, itemsPerCall, tasks, targets } = plan;
  return { name, file, itemsPerCall, tasks, targets, samples: Object.fromEntries(samples) };
}

/**
 * The order plans run in: files in an order shuffled by the seed (so no file always runs
 * first), the scenarios of one file in the order the file exports them, since scenarios of one
 * file may share state (one's `setup` creating what another's tasks and `teardown` use).
 */
export function planOrder(plans: readonly ScenarioPlan[], random: Random): number[] {
  const byFile = new Map<string, number[]>();
  for (const [index, plan] of plans.entries()) {
    const group = byFile.get(plan.file);
    if (group) group.push(index);
    else byFile.set(plan.file, [index]);
  }
  return shuffle([...byFile.values()], random).flat();
}

/**
 * Measures scenario plans one after the other, each in interleaved rounds, in
 * {@link planOrder}; results come back in plan order. With a budget, each plan gets a share
 * of what is left in proportion to its units.
 */
export async function measurePlans(
  plans: readonly ScenarioPlan[],
  settings: PlanSettings,
  label: string,
): Promise<MeasuredScenario[]> {
  const random = createRandom(settings.seed);
  const order = planOrder(plans, random);
  const end = settings.budgetMs === undefined ? undefined : performance.now() + settings.budgetMs;
  const units = (plan: ScenarioPlan): number => plan.tasks.length * plan.sides.length;
  let remaining = plans.reduce((sum, plan) => sum + units(plan), 0);
  const measured = new Array<MeasuredScenario>(plans.length);
  const { progress } = settings;
  progress.begin(label, settings.rounds * plans.length);
  try {
    for (const index of order) {
      const plan = plans[index]!;
      const deadline = shareDeadline(end, units(plan), remaining);
      remaining -= units(plan);
      measured[index] = await measurePlan(
        plan,
        settings,
        (settings.seed + 1 + index) >>> 0,
        deadline,
      );
    }
  } finally {
    progress.end();
  }
  return measured;
}
