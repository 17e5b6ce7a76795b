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

/** Depth-first search; returns the first cycle found as `[a, b, …, a]`. */
function findCycle(tasks: GraphTasks): string[] | undefined {
  const state = new Map<string, number>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === DONE) return undefined;
    if (state.get(id) === VISITING) return [...path.slice(path.indexOf(id)), id];
    state.set(id, VISITING);
    path.push(id);
    for (const dep of tasks[id]!.deps ?? []) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(id, DONE);
    return undefined;
  };
  for (const id of Object.keys(tasks)) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}
