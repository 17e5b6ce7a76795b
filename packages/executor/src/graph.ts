import { channel } from 'node:diagnostics_channel';
import { EXECUTOR_CHANNELS } from './channels.ts';
import { checkGraph } from './internal/graph-check.ts';
import { GraphRun } from './internal/graph-run.ts';
import { GRAPH_OPTIONS } from './internal/option-keys.ts';
import { checkRunOptions } from './internal/validate.ts';

const taskChannel = channel(EXECUTOR_CHANNELS.graphTask);

/** What a graph task receives besides its dependencies' results. */
export interface GraphTaskContext {
  /** Aborted when the graph's `signal` aborts. */
  readonly signal: AbortSignal;
  /** This task's id. */
  readonly id: string;
}

/** One node of a {@link runGraph} graph. */
export interface GraphTask<R = unknown> {
  /** Ids of the tasks whose results this task needs. @default [] */
  readonly deps?: readonly string[];
  /** Runs once every dependency has succeeded; receives their results keyed by id. */
  readonly run: (
    deps: Readonly<Record<string, unknown>>,
    context: GraphTaskContext,
  ) => R | PromiseLike<R>;
}

/** A graph: task id → task. */
export type GraphTasks = Readonly<Record<string, GraphTask>>;

/** Options of {@link runGraph}. */
export interface GraphOptions {
  /** How many tasks run at once. @default Infinity */
  readonly concurrency?: number;
  /** Aborts running tasks, starts no more, and rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

/** How one task ended. `cancelled` means a dependency failed, so it never ran. */
export type GraphTaskStatus = 'fulfilled' | 'rejected' | 'cancelled';

/** Timing and outcome of one task. Times are ms since the graph started. */
export interface GraphTaskReport {
  readonly status: GraphTaskStatus;
  /** When the task started; absent for cancelled tasks. */
  readonly startedAt?: number;
  /** When the task settled (or was cancelled). */
  readonly finishedAt: number;
  /** `finishedAt - startedAt`; 0 for cancelled tasks. */
  readonly durationMs: number;
  /** Why it failed; for cancelled tasks a `DependencyFailedError` (`HOTPATH_EXECUTOR_DEPENDENCY_FAILED`). */
  readonly error?: unknown;
}

/** The outcome of {@link runGraph}. */
export interface GraphResult<T extends GraphTasks> {
  /** True when every task succeeded. */
  readonly ok: boolean;
  /** Results of the tasks that succeeded. */
  readonly results: { readonly [K in keyof T]?: Awaited<ReturnType<T[K]['run']>> };
  /** Every task that threw, in the order they failed, with its error. */
  readonly failures: readonly { readonly task: string; readonly error: unknown }[];
  /** Every task's status and timing. */
  readonly tasks: { readonly [K in keyof T]: GraphTaskReport };
  /**
   * The chain of tasks that decided the total time: the last task to finish, the dependency
   * that finished last before it, and so on, listed from the first task to the last.
   */
  readonly criticalPath: readonly string[];
  /** Wall time of the whole graph in ms. */
  readonly durationMs: number;
}

/**
 * Runs a dependency graph of tasks (for example tool calls). Every task starts as soon as
 * its own dependencies have succeeded, not level by level, and receives their results.
 * Missing dependencies and cycles reject with `GraphMissingDependencyError` /
 * `GraphCycleError` before any task starts. A failing task cancels its dependents; the others
 * go on. The promise resolves with a report (check `ok`) and rejects only on `signal` abort.
 *
 * @example
 * ```ts
 * const { results, criticalPath } = await runGraph({
 *   search: { run: () => searchWeb(query) },
 *   weather: { run: () => getWeather(city) },
 *   answer: { deps: ['search', 'weather'], run: (deps) => summarise(deps.search, deps.weather) },
 * }, { concurrency: 4 });
 * ```
 */
export function runGraph<T extends GraphTasks>(
  tasks: T,
  options: GraphOptions = {},
): Promise<GraphResult<T>> {
  const concurrency = checkRunOptions(options, GRAPH_OPTIONS);
  try {
    checkGraph(tasks);
  } catch (error) {
    return Promise.reject(error);
  }
  const run = new GraphRun(tasks, concurrency, options.signal, taskChannel);
  return run.start() as Promise<GraphResult<T>>;
}
