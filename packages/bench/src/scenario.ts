import { InvalidScenarioError } from './errors.ts';

/** One call of a task; may return a promise. */
export type TaskFn = () => unknown;

/** A promised ratio: task `task` must reach `min` × the throughput of task `peer`. */
export interface Target {
  /** The hotpath task; defaults to the first task whose name starts with `hotpath`. */
  readonly task?: string;
  /** The peer task it is compared with. */
  readonly peer: string;
  /** Minimum throughput ratio task/peer, for example `1.0`. */
  readonly min: number;
  /**
   * Why this promise is known not to be kept yet. A broken target with a reason is
   * reported as a `known-gap` and does not fail the run, so a tracked shortfall stays
   * visible in every report without blocking CI. Remove it once the target is met.
   */
  readonly knownGap?: string;
}

/**
 * A benchmark scenario: hotpath and its peers doing the same work. The same shape
 * as `benchmarks/src/harness.ts`, so existing `*.bench.ts` files run unchanged.
 */
export interface Scenario {
  /** Shown in the report, for example `executor: map 100k no-op tasks, concurrency 8`. */
  readonly name: string;
  /** How many items one call processes, so the report can print items/s. @default 1 */
  readonly itemsPerCall?: number;
  /** Task name → function. Tasks named `hotpath…` are compared with the others. */
  readonly tasks: { readonly [name: string]: TaskFn };
  /** Promised ratios, checked with paired statistics; see {@link Target}. */
  readonly targets?: readonly Target[];
  /** Runs once before the scenario's first round. */
  readonly setup?: () => unknown;
  /** Runs once after the scenario's last round, even when a task failed. */
  readonly teardown?: () => unknown;
}

/** True for task names that belong to hotpath (they start with `hotpath`). */
export function isHotpathTask(name: string): boolean {
  return name.startsWith('hotpath');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function checkTargets(file: string, scenario: Scenario): void {
  for (const target of scenario.targets ?? []) {
    const task = target.task ?? Object.keys(scenario.tasks).find(isHotpathTask);
    for (const name of [task, target.peer]) {
      if (name === undefined || typeof scenario.tasks[name] !== 'function') {
        throw new InvalidScenarioError(
          file,
          `scenario "${scenario.name}" has a target naming task "${String(name)}", which it does not define`,
        );
      }
    }
    if (!(target.min > 0)) {
      throw new InvalidScenarioError(file, `scenario "${scenario.name}" has a target with min ≤ 0`);
    }
  }
}

function checkScenario(file: string, value: unknown): Scenario {
  if (!isRecord(value) || typeof value.name !== 'string' || !isRecord(value.tasks)) {
    throw new InvalidScenarioError(file, 'the default export is not a scenario object');
  }
  const tasks = Object.entries(value.tasks);
  if (tasks.length === 0 || tasks.some(([, fn]) => typeof fn !== 'function')) {
    throw new InvalidScenarioError(file, `scenario "${value.name}" needs tasks that are functions`);
  }
  const scenario = value as unknown as Scenario;
  checkTargets(file, scenario);
  return scenario;
}

/**
 * Checks a module's default export and returns its scenarios as an array.
 * Throws {@link InvalidScenarioError} (`HOTPATH_BENCH_INVALID_SCENARIO`) when it is not a
 * scenario or an array of scenarios, or when a target names a task that does not exist.
 */
export function toScenarios(file: string, exported: unknown): Scenario[] {
  const list = Array.isArray(exported) ? exported : [exported];
  if (list.length === 0) throw new InvalidScenarioError(file, 'the default export is empty');
  return list.map((value) => checkScenario(file, value));
}
