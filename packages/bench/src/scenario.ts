import { InvalidScenarioError } from './errors.ts';

/** One call of a task; may return a promise. */
export type TaskFn = () => unknown;

/** A promised ratio: task `task` must reach `min` × the throughput of task `peer`. */
export interface Target {
  /** The task that makes the promise (any name of the scenario's `tasks`). */
  readonly task: string;
  /** The task it is compared with (any other name of the scenario's `tasks`). */
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
 * A benchmark scenario: a few tasks doing the same kind of work, for example your code
 * and the libraries you would otherwise use. Task names are free text.
 */
export interface Scenario {
  /** Shown in the report, for example `executor: map 100k no-op tasks, concurrency 8`. */
  readonly name: string;
  /** How many items one call processes, so the report can print items/s. @default 1 */
  readonly itemsPerCall?: number;
  /** Task name → function. Any names; `targets` and `hotpath-bench compare --task` refer to them. */
  readonly tasks: { readonly [name: string]: TaskFn };
  /** Promised ratios, checked with paired statistics; see {@link Target}. */
  readonly targets?: readonly Target[];
  /** Runs once before the scenario's first round. */
  readonly setup?: () => unknown;
  /** Runs once after the scenario's last round, even when a task failed. */
  readonly teardown?: () => unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function checkTargetTask(file: string, scenario: Scenario, name: unknown, key: string): void {
  if (typeof name !== 'string') {
    throw new InvalidScenarioError(
      file,
      `scenario "${scenario.name}" has a target without a "${key}": each target names its task and its peer, { task: 'mine', peer: 'theirs', min: 1 }`,
    );
  }
  if (typeof scenario.tasks[name] !== 'function') {
    throw new InvalidScenarioError(
      file,
      `scenario "${scenario.name}" has a target naming task "${name}", which it does not define`,
    );
  }
}

function checkTarget(file: string, scenario: Scenario, target: unknown): void {
  const fields = isRecord(target) ? target : {};
  checkTargetTask(file, scenario, fields.task, 'task');
  checkTargetTask(file, scenario, fields.peer, 'peer');
  if (fields.task === fields.peer) {
    throw new InvalidScenarioError(
      file,
      `scenario "${scenario.name}" has a target comparing task "${String(fields.task)}" with itself`,
    );
  }
  if (!(typeof fields.min === 'number' && fields.min > 0 && Number.isFinite(fields.min))) {
    throw new InvalidScenarioError(
      file,
      `scenario "${scenario.name}" has a target with a "min" that is not a positive number`,
    );
  }
}

function checkTargets(file: string, scenario: Scenario): void {
  if (scenario.targets === undefined) return;
  if (!Array.isArray(scenario.targets)) {
    throw new InvalidScenarioError(
      file,
      `scenario "${scenario.name}" has "targets" that are not an array`,
    );
  }
  for (const target of scenario.targets) checkTarget(file, scenario, target);
}

/** How strictly {@link toScenarios} checks. */
export interface ScenarioCheck {
  /**
   * Check the targets. `compare` does not: it measures tasks only, and a base revision may
   * predate the target format of the head. @default true
   */
  readonly targets?: boolean;
}

function checkScenario(file: string, value: unknown, check: ScenarioCheck): Scenario {
  if (!isRecord(value) || typeof value.name !== 'string' || !isRecord(value.tasks)) {
    throw new InvalidScenarioError(file, 'the default export is not a scenario object');
  }
  const tasks = Object.entries(value.tasks);
  if (tasks.length === 0 || tasks.some(([, fn]) => typeof fn !== 'function')) {
    throw new InvalidScenarioError(file, `scenario "${value.name}" needs tasks that are functions`);
  }
  const scenario = value as unknown as Scenario;
  if (check.targets === false) return { ...scenario, targets: [] };
  checkTargets(file, scenario);
  return scenario;
}

/**
 * Checks a module's default export and returns its scenarios as an array.
 * Throws {@link InvalidScenarioError} (`HOTPATH_BENCH_INVALID_SCENARIO`) when it is not a
 * scenario or an array of scenarios, or when a target names a task that does not exist.
 */
export function toScenarios(
  file: string,
  exported: unknown,
  check: ScenarioCheck = {},
): Scenario[] {
  const list = Array.isArray(exported) ? exported : [exported];
  if (list.length === 0) throw new InvalidScenarioError(file, 'the default export is empty');
  const scenarios = list.map((value) => checkScenario(file, value, check));
  const names = scenarios.map((scenario) => scenario.name);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated !== undefined) {
    // Base and head scenarios are paired by name, so a name must say which one it is.
    throw new InvalidScenarioError(file, `two scenarios are named "${repeated}"`);
  }
  return scenarios;
}
