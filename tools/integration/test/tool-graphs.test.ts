import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DependencyFailedError } from '@hotpath/executor';
import { cachePlugin } from '@hotpath/plugin-cache';
import { metricsPlugin } from '@hotpath/plugin-metrics';
import type { Plugin, Tool } from '@hotpath/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFullHost } from '../src/index.ts';
import { counterValue, tempDir } from './helpers.ts';

let dir: ReturnType<typeof tempDir>;
beforeEach(async () => {
  dir = tempDir('hotpath-integration-tools-');
  await mkdir(join(dir.path, 'src'));
  await writeFile(join(dir.path, 'src', 'a.ts'), 'export const a = 1;\nexport const b = 2;\n');
  await writeFile(join(dir.path, 'src', 'b.ts'), 'export function c() {}\n');
});
afterEach(() => dir.remove());

/** What ran, in order: `start <step>` and `end <step>`. */
type Log = string[];

/** The `cacheable`/`ttlMs` each tool declares itself, by name. */
type Flags = Record<string, Pick<Tool, 'cacheable' | 'ttlMs'>>;

/**
 * A plugin registering code tools: read a file, count its exports, and `ask` the model
 * through the `provider` service of the OpenAI plugin it depends on, each with the given flags.
 */
function codeTools(log: Log, runs: Record<string, number>, flags: Flags = {}): Plugin {
  const logged = (name: string, run: Tool['run']): Tool => ({
    name,
    ...flags[name],
    async run(args, options) {
      const label = `${name}:${JSON.stringify(args)}`;
      runs[name] = (runs[name] ?? 0) + 1;
      log.push(`start ${label}`);
      const result = await run(args, options);
      log.push(`end ${label}`);
      return result;
    },
  });
  return {
    name: 'code-tools',
    dependencies: ['openai'],
    setup(context) {
      const provider = context.use('provider');
      context.registerTool(
        logged('read', (args) => readFile(join(dir.path, (args as { path: string }).path), 'utf8')),
      );
      context.registerTool(
        logged('count', (args) => ((args as string).match(/export /g) ?? []).length),
      );
      context.registerTool(
        logged('ask', async (args, { signal }) => {
          const answer = await provider.complete(
            {
              model: 'sim-small',
              temperature: 0,
              messages: [{ role: 'user', content: String(args) }],
            },
            { signal },
          );
          return answer.message.content;
        }),
      );
      context.registerTool(
        logged('publish', () => {
          throw new Error('the review board is closed');
        }),
      );
    },
  };
}

const policies = { read: { cacheable: true }, ask: { cacheable: true, ttlMs: 60_000 } };

const plan = [
  { id: 'readA', tool: 'read', args: { path: 'src/a.ts' } },
  { id: 'readB', tool: 'read', args: { path: 'src/b.ts' } },
  {
    id: 'countA',
    tool: 'count',
    dependsOn: ['readA'],
    args: (r: Record<string, unknown>) => r.readA,
  },
  {
    id: 'countB',
    tool: 'count',
    dependsOn: ['readB'],
    args: (r: Record<string, unknown>) => r.readB,
  },
  {
    id: 'review',
    tool: 'ask',
    dependsOn: ['countA', 'countB'],
    args: (r: Record<string, unknown>) =>
      `Review a module with ${r.countA} and ${r.countB} exports`,
  },
] as const;

describe('full host: tool graphs with host.runTools', () => {
  it('runs every step after its dependencies, with their results, and calls the model once', async () => {
    const log: Log = [];
    const runs: Record<string, number> = {};
    await using t = await startFullHost({
      plugins: [
        codeTools(log, runs),
        cachePlugin({ sqlitePath: join(dir.path, 'cache.sqlite'), toolPolicies: policies }),
      ],
    });
    const run = await t.host.runTools(plan, { concurrency: 4 });
    expect(run.ok).toBe(true);
    expect(run.results).toMatchObject({ countA: 2, countB: 1 });
    expect(typeof run.results.review).toBe('string');
    const index = (entry: string) => log.findIndex((line) => line.startsWith(entry));
    expect(index('end read:{"path":"src/a.ts"}')).toBeLessThan(
      index('start count:"export const a'),
    );
    expect(index('end read:{"path":"src/b.ts"}')).toBeLessThan(
      index('start count:"export function'),
    );
    for (const count of log.filter((line) => line.startsWith('end count'))) {
      expect(log.indexOf(count)).toBeLessThan(index('start ask'));
    }
    expect(run.criticalPath.at(-1)).toBe('review');
    expect(t.sim.stats().routes['openai.chat']).toBe(1);
  });

  it('answers cacheable steps from the tool-result cache on a rerun; the uncacheable one runs again', async () => {
    const log: Log = [];
    const runs: Record<string, number> = {};
    await using t = await startFullHost({
      plugins: [
        metricsPlugin(),
        codeTools(log, runs),
        cachePlugin({ sqlitePath: join(dir.path, 'cache.sqlite'), toolPolicies: policies }),
      ],
    });
    const first = await t.host.runTools(plan);
    const second = await t.host.runTools(plan);
    expect(second.results).toEqual(first.results);
    expect(runs).toEqual({ read: 2, count: 4, ask: 1 });
    expect(t.sim.stats().routes['openai.chat']).toBe(1);
    const families = t.host.service('metrics').metrics.collect();
    const calls = 'hotpath_llm_requests_total';
    expect(counterValue(families, calls, { call: 'tool', cache: 'hit' })).toBe(3);
    expect(counterValue(families, calls, { call: 'tool', cache: 'miss' })).toBe(3);
  });

  it('caches the tools another plugin registered with cacheable: true, by their own flags, and reruns cacheable: false', async () => {
    const log: Log = [];
    const runs: Record<string, number> = {};
    const flags: Flags = {
      read: { cacheable: true },
      count: { cacheable: false },
      ask: { cacheable: true, ttlMs: 60_000 },
    };
    await using t = await startFullHost({
      plugins: [
        codeTools(log, runs, flags),
        cachePlugin({ sqlitePath: join(dir.path, 'cache.sqlite') }),
      ],
    });
    const first = await t.host.runTools(plan);
    const second = await t.host.runTools(plan);
    expect(second.results).toEqual(first.results);
    expect(runs).toEqual({ read: 2, count: 4, ask: 1 });
    expect(t.sim.stats().routes['openai.chat']).toBe(1);
  });

  it("reports a failing tool's error and cancels its dependents, while independent steps finish", async () => {
    const log: Log = [];
    const runs: Record<string, number> = {};
    await using t = await startFullHost({
      plugins: [
        codeTools(log, runs),
        cachePlugin({ sqlitePath: join(dir.path, 'cache.sqlite'), toolPolicies: policies }),
      ],
    });
    const run = await t.host.runTools([
      ...plan,
      { id: 'publish', tool: 'publish', dependsOn: ['countA'] },
      { id: 'announce', tool: 'ask', dependsOn: ['publish'], args: 'Announce it' },
    ]);
    expect(run.ok).toBe(false);
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]?.task).toBe('publish');
    expect((run.failures[0]!.error as Error).message).toBe('the review board is closed');
    expect(run.tasks.announce?.status).toBe('cancelled');
    expect(run.tasks.announce?.error).toBeInstanceOf(DependencyFailedError);
    expect(run.tasks.review?.status).toBe('fulfilled');
    expect(runs.ask).toBe(1);
    expect(t.sim.stats().routes['openai.chat']).toBe(1);
  });
});
