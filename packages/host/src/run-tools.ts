import { type GraphResult, type GraphTasks, runGraph } from '@hotpath/executor';
import type { CallLocals, CallOptions } from '@hotpath/protocol';
import { HostArgumentError, UnknownToolError } from './errors.ts';
import { checkKeys, RUN_TOOLS_OPTIONS } from './option-keys.ts';

/** The results of a step's dependencies, keyed by step id. */
export type StepResults = Readonly<Record<string, unknown>>;

/** One tool call of a {@link ToolPlan}. */
export interface ToolStep {
  /** Unique id of the step; dependents find its result under this key. */
  readonly id: string;
  /** Name of a registered tool. */
  readonly tool: string;
  /**
   * The tool's arguments, or a function that builds them from the dependencies' results
   * (keyed by step id). A function is always called, so pass a function-valued argument
   * wrapped: `args: () => fn`.
   */
  readonly args?:
    | ((results: StepResults) => unknown)
    | object
    | string
    | number
    | boolean
    | bigint
    | null;
  /** Ids of the steps whose results this step needs. @default [] */
  readonly dependsOn?: readonly string[];
  /**
   * This step's own per-call values: the tool call's `ctx.locals`, readable once the run
   * settles (for example the cache status of this step). @default the run's `locals`
   */
  readonly locals?: CallLocals;
}

/** Tool calls to run as a dependency graph. */
export type ToolPlan = readonly ToolStep[];

/** Options of `host.runTools()`. */
export interface RunToolsOptions {
  /** How many tool calls run at once. @default Infinity */
  readonly concurrency?: number;
  /** Aborts running tool calls, starts no more, and rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
  /**
   * Per-call values shared by every tool call of the run that has no `locals` of its own (so
   * with concurrent steps, the last writer of a key wins): give a step its own `locals` to read
   * what plugins wrote about that step. @default a fresh object per tool call
   */
  readonly locals?: CallLocals;
}

/**
 * The outcome of `host.runTools()`: `results` by step id, `failures` (step and error),
 * each step's status and timings under `tasks`, the `criticalPath` and the total `durationMs`.
 */
export type RunToolsResult = GraphResult<GraphTasks>;

/** What {@link runToolPlan} needs from the host. */
export interface ToolRunner {
  callTool(name: string, args: unknown, options?: CallOptions): Promise<unknown>;
  hasTool(name: string): boolean;
}

function checkLocals(locals: unknown, where: string): void {
  if (
    locals !== undefined &&
    (typeof locals !== 'object' || locals === null || Array.isArray(locals))
  ) {
    throw new HostArgumentError(`runTools(${where}): \`locals\` must be an object`);
  }
}

function checkStep(step: unknown, index: number): asserts step is ToolStep {
  const s = step as ToolStep | null;
  if (typeof s !== 'object' || s === null || typeof s.id !== 'string' || s.id === '') {
    throw new HostArgumentError(
      `runTools(plan[${index}]): expected a step with a non-empty string \`id\``,
    );
  }
  if (typeof s.tool !== 'string') {
    throw new HostArgumentError(`runTools(plan[${index}]): step "${s.id}" needs a string \`tool\``);
  }
  const deps = s.dependsOn;
  if (deps !== undefined && (!Array.isArray(deps) || deps.some((d) => typeof d !== 'string'))) {
    throw new HostArgumentError(
      `runTools(plan[${index}]): step "${s.id}" \`dependsOn\` must be an array of step ids`,
    );
  }
  checkLocals(s.locals, `plan[${index}]`);
}

/** Checks every step's shape, unique ids and registered tools; returns the graph to run. */
function toGraph(runner: ToolRunner, plan: ToolPlan, shared: CallLocals | undefined): GraphTasks {
  if (!Array.isArray(plan)) {
    throw new HostArgumentError(
      'runTools(plan): expected an array of { id, tool, args, dependsOn } steps',
    );
  }
  const tasks: Record<string, GraphTasks[string]> = {};
  plan.forEach((step: unknown, index) => {
    checkStep(step, index);
    if (Object.hasOwn(tasks, step.id)) {
      throw new HostArgumentError(
        `runTools(plan): two steps have the id "${step.id}"; step ids must be unique`,
      );
    }
    if (!runner.hasTool(step.tool)) throw new UnknownToolError(step.tool, step.id);
    const locals = step.locals ?? shared;
    tasks[step.id] = {
      deps: step.dependsOn ?? [],
      run: (results, { signal }) =>
        runner.callTool(step.tool, resolveArgs(step, results), { signal, locals }),
    };
  });
  return tasks;
}

function resolveArgs(step: ToolStep, results: StepResults): unknown {
  return typeof step.args === 'function'
    ? (step.args as (r: StepResults) => unknown)(results)
    : step.args;
}

/**
 * Runs `plan` with the executor's `runGraph`: every step starts as soon as its own
 * dependencies have succeeded, through `runner.callTool`. Rejects before any tool runs
 * on a malformed plan, an unknown tool, a missing dependency or a cycle.
 */
export function runToolPlan(
  runner: ToolRunner,
  plan: ToolPlan,
  options: RunToolsOptions = {},
): Promise<RunToolsResult> {
  let tasks: GraphTasks;
  try {
    checkKeys('runTools()', options, RUN_TOOLS_OPTIONS);
    checkLocals(options.locals, 'options');
    tasks = toGraph(runner, plan, options.locals);
  } catch (error) {
    return Promise.reject(error);
  }
  // `locals` is the host's, not the graph's: the executor rejects keys it does not know.
  const { concurrency, signal } = options;
  return runGraph(tasks, {
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(signal === undefined ? {} : { signal }),
  });
}
