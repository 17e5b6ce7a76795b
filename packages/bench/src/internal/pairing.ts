import type { Target } from '../scenario.ts';
import type { Side } from './side.ts';
import type { ScenarioInfo } from './worker-protocol.ts';

/** One side's copy of a scenario: where it is loaded, and the prefix of its unit ids. */
export interface SideRef {
  readonly side: Side;
  readonly index: number;
  /** `''` in `run`; `base:` and `head:` in `compare`. */
  readonly prefix: string;
}

/** What to measure for one scenario (or one base/head pair of it). */
export interface ScenarioPlan {
  readonly name: string;
  readonly file: string;
  readonly itemsPerCall?: number | undefined;
  /** Task names measured, in the head's declaration order. */
  readonly tasks: readonly string[];
  /** In `run`: targets whose task and peer are both measured. */
  readonly targets: readonly Target[];
  /** Setup runs in this order, teardown in the reverse; each task is measured on every side. */
  readonly sides: readonly SideRef[];
}

/** Tasks and scenarios that exist on one side only, as `scenario › task` or `scenario (scenario)`. */
export interface Differences {
  readonly added: string[];
  readonly removed: string[];
}

/** True when `select` is empty or `scenario › task` contains one of its texts. */
export function isSelected(select: readonly string[], scenario: string, task: string): boolean {
  const label = `${scenario} › ${task}`;
  return select.length === 0 || select.some((text) => label.includes(text));
}

/** The plans of `run`: every selected task, and the targets between selected tasks. */
export function runPlans(
  infos: readonly ScenarioInfo[],
  side: Side,
  select: readonly string[],
): ScenarioPlan[] {
  return infos
    .map((info, index) => {
      const tasks = info.tasks.filter((task) => isSelected(select, info.name, task));
      const targets = info.targets.filter(
        (target) => tasks.includes(target.task) && tasks.includes(target.peer),
      );
      const { name, file, itemsPerCall } = info;
      return { name, file, itemsPerCall, tasks, targets, sides: [{ side, index, prefix: '' }] };
    })
    .filter((plan) => plan.tasks.length > 0);
}

const key = (info: ScenarioInfo): string => `${info.file}\u0000${info.name}`;

function oneSided(from: ScenarioInfo, other: ScenarioInfo, select: readonly string[]): string[] {
  return from.tasks
    .filter((task) => !other.tasks.includes(task) && isSelected(select, from.name, task))
    .map((task) => `${from.name} › ${task}`);
}

/**
 * Pairs base and head scenarios by file and name, and their tasks by name: each selected
 * task both define is measured on both sides. What exists on one side only is recorded
 * in `differences` and not compared.
 */
export function comparePlans(
  base: { readonly side: Side; readonly infos: readonly ScenarioInfo[] },
  head: { readonly side: Side; readonly infos: readonly ScenarioInfo[] },
  select: readonly string[],
  differences: Differences,
): ScenarioPlan[] {
  const baseIndex = new Map(base.infos.map((info, index) => [key(info), index]));
  const headKeys = new Set(head.infos.map(key));
  for (const info of base.infos) {
    if (!headKeys.has(key(info))) differences.removed.push(`${info.name} (scenario)`);
  }
  const plans: ScenarioPlan[] = [];
  for (const [index, info] of head.infos.entries()) {
    const match = baseIndex.get(key(info));
    if (match === undefined) {
      differences.added.push(`${info.name} (scenario)`);
      continue;
    }
    const other = base.infos[match]!;
    differences.added.push(...oneSided(info, other, select));
    differences.removed.push(...oneSided(other, info, select));
    const tasks = info.tasks.filter(
      (t) => other.tasks.includes(t) && isSelected(select, info.name, t),
    );
    if (tasks.length === 0) continue;
    const sides = [
      { side: base.side, index: match, prefix: 'base:' },
      { side: head.side, index, prefix: 'head:' },
    ];
    plans.push({
      name: info.name,
      file: info.file,
      itemsPerCall: info.itemsPerCall,
      tasks,
      targets: [],
      sides,
    });
  }
  return plans;
}
