import type { Channel } from 'node:diagnostics_channel';
import { DependencyFailedError } from '../errors.ts';
import type { GraphResult, GraphTaskReport, GraphTasks } from '../graph.ts';

interface Node {
  readonly id: string;
  readonly deps: readonly string[];
  readonly dependents: string[];
  waiting: number;
  startedAt?: number;
  report?: GraphTaskReport;
}

/** One `runGraph()` call: a ready queue fed as each task's last dependency succeeds. */
export class GraphRun {
  #tasks: GraphTasks;
  #nodes = new Map<string, Node>();
  #ready: Node[] = [];
  #concurrency: number;
  #signal: AbortSignal | undefined;
  #channel: Channel;
  #controller = new AbortController();
  #results: Record<string, unknown> = {};
  #failures: { task: string; error: unknown }[] = [];
  #running = 0;
  #remaining = 0;
  #t0 = performance.now();
  #settled = false;
  #resolve!: (result: GraphResult<GraphTasks>) => void;
  #reject!: (reason: unknown) => void;
  #onAbort = (): void => this.#abort();

  constructor(
    tasks: GraphTasks,
    concurrency: number,
    signal: AbortSignal | undefined,
    channel: Channel,
  ) {
    this.#tasks = tasks;
    this.#concurrency = concurrency;
    this.#signal = signal;
    this.#channel = channel;
    for (const [id, task] of Object.entries(tasks)) {
      const deps = [...new Set(task.deps ?? [])];
      this.#nodes.set(id, { id, deps, dependents: [], waiting: deps.length });
    }
    for (const node of this.#nodes.values()) {
      for (const dep of node.deps) this.#nodes.get(dep)!.dependents.push(node.id);
    }
    this.#remaining = this.#nodes.size;
  }

  start(): Promise<GraphResult<GraphTasks>> {
    const promise = new Promise<GraphResult<GraphTasks>>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    if (this.#signal?.aborted) {
      this.#abort();
      return promise;
    }
    this.#signal?.addEventListener('abort', this.#onAbort, { once: true });
    for (const node of this.#nodes.values()) if (node.waiting === 0) this.#ready.push(node);
    this.#pump();
    return promise;
  }

  #pump(): void {
    while (this.#running < this.#concurrency && this.#ready.length > 0 && !this.#settled) {
      void this.#execute(this.#ready.shift()!);
    }
    if (this.#remaining === 0) this.#finish();
  }

  async #execute(node: Node): Promise<void> {
    this.#running++;
    node.startedAt = this.#now();
    const deps: Record<string, unknown> = {};
    for (const dep of node.deps) setOwn(deps, dep, this.#results[dep]);
    try {
      const value = await this.#tasks[node.id]!.run(deps, {
        signal: this.#controller.signal,
        id: node.id,
      });
      setOwn(this.#results, node.id, value);
      this.#record(node, 'fulfilled');
      for (const id of node.dependents) this.#release(this.#nodes.get(id)!);
    } catch (error) {
      this.#failures.push({ task: node.id, error });
      this.#record(node, 'rejected', error);
      this.#cancelDependents(node, new DependencyFailedError(node.id, { cause: error }));
    } finally {
      this.#running--;
      this.#pump();
    }
  }

  #release(node: Node): void {
    if (--node.waiting === 0 && node.report === undefined) this.#ready.push(node);
  }

  // Iterative: a failing root of a 100,000-task chain must not overflow the stack.
  #cancelDependents(node: Node, error: DependencyFailedError): void {
    const stack = [...node.dependents];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      const dependent = this.#nodes.get(id)!;
      if (dependent.report !== undefined) continue;
      this.#record(dependent, 'cancelled', error);
      for (const next of dependent.dependents) stack.push(next);
    }
  }

  #record(node: Node, status: GraphTaskReport['status'], error?: unknown): void {
    const finishedAt = this.#now();
    const startedAt = node.startedAt;
    const durationMs = startedAt === undefined ? 0 : finishedAt - startedAt;
    node.report = {
      status,
      finishedAt,
      durationMs,
      ...(startedAt === undefined ? {} : { startedAt }),
      ...(error === undefined ? {} : { error }),
    };
    this.#remaining--;
    if (this.#channel.hasSubscribers) this.#channel.publish({ id: node.id, status, durationMs });
  }

  #finish(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    const tasks: Record<string, GraphTaskReport> = {};
    for (const node of this.#nodes.values()) setOwn(tasks, node.id, node.report!);
    this.#resolve({
      ok: this.#failures.length === 0,
      results: this.#results,
      failures: this.#failures,
      tasks,
      criticalPath: this.#criticalPath(),
      durationMs: this.#now(),
    });
  }

  #criticalPath(): string[] {
    const ran = [...this.#nodes.values()].filter((node) => node.startedAt !== undefined);
    let last = ran.reduce<Node | undefined>(
      (a, b) => (a && a.report!.finishedAt >= b.report!.finishedAt ? a : b),
      undefined,
    );
    const path: string[] = [];
    while (last) {
      path.push(last.id);
      const deps = last.deps.map((id) => this.#nodes.get(id)!);
      last = deps.reduce<Node | undefined>(
        (a, b) => (a && a.report!.finishedAt >= b.report!.finishedAt ? a : b),
        undefined,
      );
    }
    return path.reverse();
  }

  #abort(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#signal?.removeEventListener('abort', this.#onAbort);
    this.#controller.abort(this.#signal?.reason);
    this.#reject(this.#signal?.reason);
  }

  #now(): number {
    return performance.now() - this.#t0;
  }
}

/**
 * `target[key] = value` as an own data property even for keys such as `__proto__`, whose
 * assignment would set the prototype instead and lose the value.
 */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}
