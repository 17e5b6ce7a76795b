import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphCycleError, GraphMissingDependencyError } from '@hotpath/executor';
import type { Plugin, Tool } from '@hotpath/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost, HostArgumentError, UnknownToolError } from '../src/index.ts';

function toolsPlugin(tools: readonly Tool[]): Plugin {
  return {
    name: 'tools',
    setup(context) {
      for (const tool of tools) context.registerTool(tool);
    },
  };
}

/** A promise with its resolve function, to hold a tool until another step has started. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('host.runTools', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hotpath-run-tools-'));
    await writeFile(join(dir, 'a.txt'), 'one two three');
    await writeFile(join(dir, 'b.txt'), 'four five');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const fileTools: Tool[] = [
    {
      name: 'read',
      run: (args) => readFile(join(dir, (args as { file: string }).file), 'utf8'),
    },
    { name: 'words', run: (args) => (args as string).split(' ').length },
    { name: 'sum', run: (args) => (args as number[]).reduce((a, b) => a + b, 0) },
  ];

  it('passes each step the results of its dependencies and reports the critical path', async () => {
    await using host = createHost({ plugins: [toolsPlugin(fileTools)] });
    const run = await host.runTools(
      [
        { id: 'readA', tool: 'read', args: { file: 'a.txt' } },
        { id: 'readB', tool: 'read', args: { file: 'b.txt' } },
        { id: 'countA', tool: 'words', dependsOn: ['readA'], args: (r) => r.readA },
        { id: 'countB', tool: 'words', dependsOn: ['readB'], args: (r) => r.readB },
        {
          id: 'total',
          tool: 'sum',
          dependsOn: ['countA', 'countB'],
          args: (r) => [r.countA, r.countB],
        },
      ],
      { concurrency: 2 },
    );
    expect(run.ok).toBe(true);
    expect(run.results).toEqual({
      readA: 'one two three',
      readB: 'four five',
      countA: 3,
      countB: 2,
      total: 5,
    });
    expect(run.criticalPath.at(-1)).toBe('total');
    expect(run.tasks.total?.status).toBe('fulfilled');
  });

  it('starts each step when its own dependencies finish, not when a slow sibling does', async () => {
    const started: string[] = [];
    const slow = gate();
    const tools: Tool[] = [
      {
        name: 'step',
        run: (args) => {
          const { id } = args as { id: string };
          started.push(id);
          if (id === 'e') slow.open();
          return id;
        },
      },
      {
        name: 'slow',
        run: async () => {
          started.push('b');
          await slow.promise;
          return 'b';
        },
      },
    ];
    await using host = createHost({ plugins: [toolsPlugin(tools)] });
    const run = await host.runTools([
      { id: 'a', tool: 'step', args: { id: 'a' } },
      { id: 'b', tool: 'slow', dependsOn: ['a'] },
      { id: 'c', tool: 'step', dependsOn: ['a'], args: { id: 'c' } },
      { id: 'd', tool: 'step', dependsOn: ['b', 'c'], args: { id: 'd' } },
      { id: 'e', tool: 'step', dependsOn: ['c'], args: { id: 'e' } },
    ]);
    expect(run.ok).toBe(true);
    expect(started[0]).toBe('a');
    expect(started.slice(1, 3).sort()).toEqual(['b', 'c']);
    // `e` needs only `c`, so it starts while `b` is still held; `d` waits for `b`.
    expect(started.slice(3)).toEqual(['e', 'd']);
  });

  it('cancels the dependents of a failed step, runs the rest, and names the failed step', async () => {
    const ran: string[] = [];
    const tools: Tool[] = [
      {
        name: 'ok',
        run: (args) => {
          ran.push(args as string);
          return args;
        },
      },
      {
        name: 'boom',
        run: () => {
          throw new Error('boom');
        },
      },
    ];
    await using host = createHost({ plugins: [toolsPlugin(tools)] });
    const run = await host.runTools([
      { id: 'bad', tool: 'boom' },
      { id: 'after', tool: 'ok', dependsOn: ['bad'], args: 'after' },
      { id: 'later', tool: 'ok', dependsOn: ['after'], args: 'later' },
      { id: 'free', tool: 'ok', args: 'free' },
    ]);
    expect(run.ok).toBe(false);
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatchObject({ task: 'bad', error: { message: 'boom' } });
    expect(run.tasks.after?.status).toBe('cancelled');
    expect(run.tasks.later?.status).toBe('cancelled');
    expect(run.tasks.after?.error).toMatchObject({
      code: 'HOTPATH_EXECUTOR_DEPENDENCY_FAILED',
      dependency: 'bad',
    });
    expect(run.results).toEqual({ free: 'free' });
    expect(ran).toEqual(['free']);
  });

  describe('rejects a bad plan before any tool runs', () => {
    let calls = 0;
    const counting: Tool[] = [
      {
        name: 'count',
        run: () => {
          calls++;
          return calls;
        },
      },
    ];

    it('a cycle, naming the steps on it', async () => {
      await using host = createHost({ plugins: [toolsPlugin(counting)] });
      const error = await host
        .runTools([
          { id: 'first', tool: 'count' },
          { id: 'x', tool: 'count', dependsOn: ['y'] },
          { id: 'y', tool: 'count', dependsOn: ['x'] },
        ])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphCycleError);
      expect((error as GraphCycleError).tasks).toContain('x');
      expect((error as GraphCycleError).tasks).toContain('y');
      expect(calls).toBe(0);
    });

    it('a missing dependency, naming the step and the dependency', async () => {
      await using host = createHost({ plugins: [toolsPlugin(counting)] });
      const error = await host
        .runTools([
          { id: 'first', tool: 'count' },
          { id: 'second', tool: 'count', dependsOn: ['nope'] },
        ])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphMissingDependencyError);
      expect(error).toMatchObject({ task: 'second', dependency: 'nope' });
      expect(calls).toBe(0);
    });

    it('an unknown tool, naming the step and the tool', async () => {
      await using host = createHost({ plugins: [toolsPlugin(counting)] });
      const error = await host
        .runTools([
          { id: 'first', tool: 'count' },
          { id: 'second', tool: 'missing' },
        ])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnknownToolError);
      expect(error).toMatchObject({ code: 'HOTPATH_HOST_UNKNOWN_TOOL', step: 'second' });
      expect((error as Error).message).toContain('"missing"');
      expect(calls).toBe(0);
    });

    it('duplicate step ids and malformed steps', async () => {
      await using host = createHost({ plugins: [toolsPlugin(counting)] });
      await expect(
        host.runTools([
          { id: 'same', tool: 'count' },
          { id: 'same', tool: 'count' },
        ]),
      ).rejects.toThrow(HostArgumentError);
      await expect(host.runTools([{ tool: 'count' } as never])).rejects.toThrow(/plan\[0\]/);
      await expect(host.runTools('nope' as never)).rejects.toThrow(HostArgumentError);
      await expect(host.runTools([{ id: 'a', tool: 'count', locals: 3 as never }])).rejects.toThrow(
        /plan\[0\].*locals/,
      );
      await expect(
        host.runTools([{ id: 'a', tool: 'count' }], { locals: [] as never }),
      ).rejects.toThrow(HostArgumentError);
      expect(calls).toBe(0);
    });
  });

  it('sends every step through the tool middleware chain', async () => {
    const seen: { name: string; args: unknown }[] = [];
    const cache = new Map<string, unknown>();
    let runs = 0;
    const cachePlugin: Plugin = {
      name: 'tool-cache',
      setup(context) {
        context.wrap('tool', (next) => async (invocation, ctx) => {
          seen.push(invocation);
          const key = `${invocation.name}:${JSON.stringify(invocation.args)}`;
          if (cache.has(key)) return cache.get(key);
          const result = await next(invocation, ctx);
          cache.set(key, result);
          return result;
        });
      },
    };
    const tools: Tool[] = [
      {
        name: 'double',
        run: (args) => {
          runs++;
          return (args as number) * 2;
        },
      },
    ];
    await using host = createHost({ plugins: [toolsPlugin(tools), cachePlugin] });
    const plan = [
      { id: 'x', tool: 'double', args: 2 },
      {
        id: 'y',
        tool: 'double',
        dependsOn: ['x'],
        args: (r: Readonly<Record<string, unknown>>) => r.x,
      },
    ];
    const first = await host.runTools(plan);
    const second = await host.runTools(plan);
    expect(first.results).toEqual({ x: 4, y: 8 });
    expect(second.results).toEqual({ x: 4, y: 8 });
    expect(seen).toEqual([
      { name: 'double', args: 2 },
      { name: 'double', args: 4 },
      { name: 'double', args: 2 },
      { name: 'double', args: 4 },
    ]);
    expect(runs).toBe(2);
  });

  it('never runs more steps at once than `concurrency`', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const tools: Tool[] = [
      {
        name: 'tick',
        run: async (args) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await new Promise((resolve) => setImmediate(resolve));
          inFlight--;
          return args;
        },
      },
    ];
    await using host = createHost({ plugins: [toolsPlugin(tools)] });
    const plan = Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, tool: 'tick', args: i }));
    const run = await host.runTools(plan, { concurrency: 3 });
    expect(Object.keys(run.results)).toHaveLength(10);
    expect(maxInFlight).toBe(3);
  });
});
