import { DependencyCycleError, DuplicatePluginError, MissingDependencyError } from './errors.ts';

/** What ordering needs to know about a plugin. */
export interface OrderNode {
  readonly name: string;
  readonly dependencies?: readonly string[] | undefined;
  readonly optionalDependencies?: readonly string[] | undefined;
}

function edges(node: OrderNode, present: ReadonlySet<string>): string[] {
  for (const dependency of node.dependencies ?? []) {
    if (!present.has(dependency)) throw new MissingDependencyError(node.name, dependency);
  }
  const optional = (node.optionalDependencies ?? []).filter((name) => present.has(name));
  return [...(node.dependencies ?? []), ...optional];
}

function findCycle(remaining: ReadonlyMap<string, string[]>): string[] {
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (name: string): string[] | undefined => {
    if (onPath.has(name)) return [...path.slice(path.indexOf(name)), name];
    onPath.add(name);
    path.push(name);
    for (const next of remaining.get(name) ?? []) {
      if (!remaining.has(next)) continue;
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    onPath.delete(name);
    return undefined;
  };
  for (const name of remaining.keys()) {
    const cycle = visit(name);
    if (cycle) return cycle;
  }
  return [...remaining.keys()];
}

/**
 * Orders plugins so that each comes after everything it depends on, keeping
 * the given order wherever dependencies allow (Kahn's algorithm, stable).
 * Throws before anything starts on duplicates, missing dependencies and cycles.
 */
export function orderPlugins<T extends OrderNode>(nodes: readonly T[]): T[] {
  const byName = new Map<string, T>();
  for (const node of nodes) {
    if (byName.has(node.name)) throw new DuplicatePluginError(node.name);
    byName.set(node.name, node);
  }
  const present = new Set(byName.keys());
  const waitingOn = new Map(nodes.map((node) => [node.name, edges(node, present)]));
  const ordered: T[] = [];
  while (waitingOn.size > 0) {
    const ready = [...waitingOn].find(([, deps]) => deps.every((dep) => !waitingOn.has(dep)));
    if (ready === undefined) throw new DependencyCycleError(findCycle(waitingOn));
    waitingOn.delete(ready[0]);
    ordered.push(byName.get(ready[0])!);
  }
  return ordered;
}
