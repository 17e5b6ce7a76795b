import { GraphCycleError, GraphMissingDependencyError, InvalidArgumentError } from '../errors.ts';
import type { GraphTasks } from '../graph.ts';

/** Checks the shape of every task, then missing dependencies, then cycles; throws the first problem. */
export function checkGraph(tasks: GraphTasks): void {
  if (typeof tasks !== 'object' || tasks === null || Array.isArray(tasks)) {
    throw new InvalidArgumentError('tasks', 'an object of tasks keyed by id', tasks);
  }
  for (const [id, task] of Object.entries(tasks)) {
    if (typeof task?.run !== 'function') {
      throw new InvalidArgumentError(`tasks.${id}.run`, 'a function', task?.run);
    }
    if (task.deps !== undefined && !Array.isArray(task.deps)) {
      throw new InvalidArgumentError(`tasks.${id}.deps`, 'an array of task ids', task.deps);
    }
    for (const dep of task.deps ?? []) {
      if (!Object.hasOwn(tasks, dep)) throw new GraphMissingDependencyError(id, dep);
    }
  }
  const cycle = findCycle(tasks);
  if (cycle) throw new GraphCycleError(cycle);
}

const VISITING = 1;
const DONE = 2;

/**
 * Depth-first search with an explicit stack (a chain of 100,000 tasks would overflow the call
 * stack one frame per link); returns the first cycle found as `[a, b, …, a]`.
 */
function findCycle(tasks: GraphTasks): string[] | undefined {
  const state = new Map<string, number>();
  for (const root of Object.keys(tasks)) {
    if (state.has(root)) continue;
    const cycle = visitFrom(tasks, root, state);
    if (cycle) return cycle;
  }
  return undefined;
}

function visitFrom(
  tasks: GraphTasks,
  root: string,
  state: Map<string, number>,
): string[] | undefined {
  // path[i] is being visited; next[i] is the index of its next dependency to look at.
  const path = [root];
  const next = [0];
  state.set(root, VISITING);
  while (path.length > 0) {
    const top = path.length - 1;
    const deps = tasks[path[top]!]!.deps ?? [];
    const dep = deps[next[top]!++];
    if (dep === undefined) {
      state.set(path.pop()!, DONE);
      next.pop();
    } else if (state.get(dep) === VISITING) {
      return [...path.slice(path.indexOf(dep)), dep];
    } else if (!state.has(dep)) {
      state.set(dep, VISITING);
      path.push(dep);
      next.push(0);
    }
  }
  return undefined;
}
