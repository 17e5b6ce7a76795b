import { describe, expect, it } from 'vitest';
import type { GraphTasks } from '../src/index.ts';
import { DependencyFailedError, GraphCycleError, runGraph } from '../src/index.ts';

// 100,000 links is far deeper than V8's default stack allows for one frame per link.
const DEPTH = 100_000;

function chain(depth: number, run: (i: number) => unknown, forward = false): GraphTasks {
  const tasks: Record<string, GraphTasks[string]> = {};
  for (let i = 0; i < depth; i++) {
    const dep = forward ? i + 1 : i - 1;
    const deps = dep >= 0 && dep < depth ? [`t${dep}`] : [];
    tasks[`t${i}`] = { deps, run: () => run(i) };
  }
  return tasks;
}

describe('runGraph on deep graphs', () => {
  it('checks a 100,000-task chain declared leaf-first without overflowing the stack', async () => {
    const result = await runGraph(chain(DEPTH, (i) => i, true));
    expect(result.ok).toBe(true);
    expect(result.results.t0).toBe(0);
  });

  it('finds a cycle closing a 100,000-task chain and names it', async () => {
    const tasks = { ...chain(DEPTH, (i) => i, true) } as Record<string, GraphTasks[string]>;
    tasks[`t${DEPTH - 1}`] = { deps: ['t0'], run: () => 0 };
    const error = await runGraph(tasks).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphCycleError);
    expect((error as GraphCycleError).tasks).toHaveLength(DEPTH + 1);
  });

  it('cancels every task of a 100,000-task chain whose root fails, and settles', async () => {
    const result = await runGraph(
      chain(DEPTH, (i) => {
        if (i === 0) throw new Error('root failed');
        return i;
      }),
    );
    expect(result.ok).toBe(false);
    expect(result.failures).toHaveLength(1);
    expect(result.tasks[`t${DEPTH - 1}`]?.status).toBe('cancelled');
    expect(result.tasks[`t${DEPTH - 1}`]?.error).toBeInstanceOf(DependencyFailedError);
  });
});

describe('runGraph with ids that are Object.prototype names', () => {
  it('a task named __proto__ (or constructor) keeps its result, its report and its dependents see it', async () => {
    const tasks = JSON.parse('{"__proto__": 0, "constructor": 0, "toString": 0, "b": 0}') as Record<
      string,
      GraphTasks[string]
    >;
    tasks['__proto__'] = { run: () => ({ answer: 1 }) };
    tasks['constructor'] = { run: () => 2 };
    tasks['toString'] = { deps: ['constructor'], run: (deps) => deps['constructor'] };
    tasks['b'] = {
      deps: ['__proto__'],
      run: (deps) => (Object.hasOwn(deps, '__proto__') ? deps['__proto__'] : 'lost'),
    };
    const result = await runGraph(tasks);
    expect(Object.keys(result.results).sort()).toEqual([
      '__proto__',
      'b',
      'constructor',
      'toString',
    ]);
    expect(Object.hasOwn(result.results, '__proto__')).toBe(true);
    expect(result.results.b).toEqual({ answer: 1 });
    expect(result.results.toString).toBe(2);
    expect(Object.keys(result.tasks).sort()).toEqual(['__proto__', 'b', 'constructor', 'toString']);
    expect(Object.getPrototypeOf(result.results)).toBe(Object.prototype);
  });
});
