import { TaskFailedError } from '../errors.ts';
import type { Scenario, TaskFn } from '../scenario.ts';
import { measureTask, probeTask, type Statistic } from './measure.ts';
import type { ScenarioInfo } from './worker-protocol.ts';

/** Something that holds loaded scenarios and measures their tasks on request: this process, or a measuring process. */
export interface Side {
  setup(scenario: number): Promise<void>;
  teardown(scenario: number): Promise<void>;
  /** Measures one task for `timeMs` and resolves to its cost in ms per call. */
  measure(scenario: number, task: string, warmup: boolean): Promise<number>;
}

/** How a {@link LocalSide} measures. */
export interface LocalSideOptions {
  readonly timeMs: number;
  readonly statistic: Statistic;
  /** Appended to task labels in errors, for example `(base)`. */
  readonly side?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** Describes loaded scenarios for the parent. */
export function describeScenarios(
  loaded: readonly { file: string; scenario: Scenario }[],
): ScenarioInfo[] {
  return loaded.map(({ file, scenario }) => ({
    file,
    name: scenario.name,
    tasks: Object.keys(scenario.tasks),
    targets: scenario.targets ?? [],
    itemsPerCall: scenario.itemsPerCall,
  }));
}

/**
 * Scenarios held in this process. Whether a task returns a promise is found out once, by
 * one awaited call before its first measurement, so tinybench never runs an unawaited
 * probe call alongside measured ones.
 */
export class LocalSide implements Side {
  readonly #scenarios: readonly Scenario[];
  readonly #options: LocalSideOptions;
  readonly #async = new Map<TaskFn, boolean>();

  /** @param scenarios - indexed by the `scenario` argument of the methods */
  constructor(scenarios: readonly Scenario[], options: LocalSideOptions) {
    this.#scenarios = scenarios;
    this.#options = options;
  }

  #label(scenario: Scenario, what: string): string {
    return `${scenario.name} › ${what}${this.#options.side ? ` ${this.#options.side}` : ''}`;
  }

  async #hook(index: number, name: 'setup' | 'teardown'): Promise<void> {
    const scenario = this.#scenarios[index]!;
    try {
      await scenario[name]?.();
    } catch (error) {
      throw new TaskFailedError(this.#label(scenario, name), { cause: error });
    }
  }

  /** Runs the scenario's `setup`; a failure is a {@link TaskFailedError} naming `setup`. */
  setup(scenario: number): Promise<void> {
    return this.#hook(scenario, 'setup');
  }

  /** Runs the scenario's `teardown`; a failure is a {@link TaskFailedError} naming `teardown`. */
  teardown(scenario: number): Promise<void> {
    return this.#hook(scenario, 'teardown');
  }

  /** Measures a task for the side's `timeMs`; a failure is a {@link TaskFailedError}. */
  async measure(index: number, task: string, warmup: boolean): Promise<number> {
    const scenario = this.#scenarios[index]!;
    const fn = scenario.tasks[task]!;
    try {
      let isAsync = this.#async.get(fn);
      if (isAsync === undefined) {
        isAsync = await probeTask(fn);
        this.#async.set(fn, isAsync);
      }
      const { timeMs, statistic, signal } = this.#options;
      return await measureTask(fn, { timeMs, statistic, signal, warmup, async: isAsync });
    } catch (error) {
      this.#options.signal?.throwIfAborted();
      throw new TaskFailedError(this.#label(scenario, task), { cause: error });
    }
  }
}
