import { describe, expect, it } from 'vitest';
import {
  DependencyFailedError,
  GraphCycleError,
  GraphMissingDependencyError,
  runGraph,
} from '../src/index.ts';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('runGraph', () => {
  it('starts a task as soon as its own dependencies finish, not level by level', async () => {
    const events: string[] = [];
    const slow = deferred();
    const graph = runGraph({
      slow: {
        run: async () => {
          events.push('slow:start');
          await slow.promise;
          events.push('slow:end');
          return 1;
        },
      },
      fast: {
        run: async () => {
          events.push('fast');
          return 2;
        },
      },
      afterFast: {
        deps: ['fast'],
        run: (deps) => {
          events.push('afterFast');
          return (deps.fast as number) + 10;
        },
      },
      last: {
        deps: ['slow', 'afterFast'],
        run: (deps) => (deps.slow as number) + (deps.afterFast as number),
      },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(['slow:start', 'fast', 'afterFast']);
    slow.resolve();
    const result = await graph;
    expect(result.ok).toBe(true);
    expect(result.results).toEqual({ slow: 1, fast: 2, afterFast: 12, last: 13 });
    expect(result.criticalPath).toEqual(['slow', 'last']);
    expect(Object.values(result.tasks).map((t) => t.status)).toEqual(Array(4).fill('fulfilled'));
    for (const task of Object.values(result.tasks)) {
      expect(task.finishedAt).toBeGreaterThanOrEqual(task.startedAt!);
    }
  });

  it('reports a cycle, naming its tasks, before starting anything', async () => {
    let ran = 0;
    const run = (): number => ran++;
    const error = await runGraph({
      a: { run },
      b: { deps: ['a', 'd'], run },
      c: { deps: ['b'], run },
      d: { deps: ['c'], run },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphCycleError);
    expect((error as GraphCycleError).tasks).toEqual(['b', 'd', 'c', 'b']);
    expect((error as GraphCycleError).code).toBe('HOTPATH_EXECUTOR_GRAPH_CYCLE');
    expect(ran).toBe(0);
  });

  it('reports a missing dependency before starting anything', async () => {
    let ran = 0;
    const error = await runGraph({
      a: { run: () => ran++ },
      b: { deps: ['nope'], run: () => ran++ },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphMissingDependencyError);
    expect(error).toMatchObject({ task: 'b', dependency: 'nope' });
    expect(ran).toBe(0);
  });

  it('cancels the dependents of a failed task and runs the rest', async () => {
    const boom = new Error('search failed');
    const ran: string[] = [];
    const result = await runGraph({
      search: {
        run: () => {
          ran.push('search');
          throw boom;
        },
      },
      rank: { deps: ['search'], run: () => ran.push('rank') },
      answer: { deps: ['rank'], run: () => ran.push('answer') },
      weather: {
        run: () => {
          ran.push('weather');
          return 'sunny';
        },
      },
    });
    expect(ran.sort()).toEqual(['search', 'weather']);
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([{ task: 'search', error: boom }]);
    expect(result.results).toEqual({ weather: 'sunny' });
    expect(result.tasks.search).toMatchObject({ status: 'rejected', error: boom });
    for (const id of ['rank', 'answer'] as const) {
      expect(result.tasks[id].status).toBe('cancelled');
      expect(result.tasks[id].error).toBeInstanceOf(DependencyFailedError);
      expect(result.tasks[id].error).toMatchObject({ dependency: 'search', cause: boom });
      expect(result.tasks[id].startedAt).toBeUndefined();
    }
  });

  it('respects concurrency', async () => {
    let active = 0;
    let peak = 0;
    const task = {
      run: async (): Promise<void> => {
        peak = Math.max(peak, ++active);
        await new Promise((resolve) => setTimeout(resolve, 2));
        active--;
      },
    };
    const tasks = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`t${i}`, task]));
    const result = await runGraph(tasks, { concurrency: 3 });
    expect(result.ok).toBe(true);
    expect(peak).toBe(3);
  });

  it('aborts running tasks and rejects when the signal aborts', async () => {
    const controller = new AbortController();
    const reasons: unknown[] = [];
    let afterRan = false;
    const graph = runGraph(
      {
        wait: {
          run: (_deps, { signal }) =>
            new Promise((_resolve, reject) => {
              signal.addEventListener('abort', () => {
                reasons.push(signal.reason);
                reject(signal.reason);
              });
              controller.abort(new Error('stop'));
            }),
        },
        after: {
          deps: ['wait'],
          run: () => {
            afterRan = true;
          },
        },
      },
      { signal: controller.signal },
    );
    await expect(graph).rejects.toThrow('stop');
    expect(reasons).toHaveLength(1);
    expect(afterRan).toBe(false);
  });

  it('resolves an empty graph', async () => {
    const result = await runGraph({});
    expect(result).toMatchObject({ ok: true, results: {}, failures: [], criticalPath: [] });
  });
});
