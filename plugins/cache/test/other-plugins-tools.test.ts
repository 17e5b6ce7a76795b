import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lazyPlugin } from '@hotpath/host';
import { createTestHost } from '@hotpath/host-testing';
import type { Plugin, Tool } from '@hotpath/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachePlugin } from '../src/index.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hotpath-plugin-cache-tools-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Plugin "A": registers tools; the cache plugin only sees them through the host. */
function toolsPlugin(tools: readonly Tool[], name = 'a'): Plugin {
  return {
    name,
    setup(context) {
      for (const tool of tools) context.registerTool(tool);
    },
  };
}

/** Counts runs per tool name. */
function counted(runs: Record<string, number>, tool: Omit<Tool, 'run'>): Tool {
  return {
    ...tool,
    run: (args) => {
      runs[tool.name] = (runs[tool.name] ?? 0) + 1;
      return { tool: tool.name, run: runs[tool.name], args };
    },
  };
}

/** Records the cache status each tool call left in ctx.locals (runs outermost). */
function statusSpy(statuses: unknown[]): Plugin {
  return {
    name: 'status-spy',
    setup(context) {
      context.wrap(
        'tool',
        (next) => async (invocation, ctx) => {
          const result = await next(invocation, ctx);
          statuses.push(`${invocation.name}:${String(ctx.locals.cache)}`);
          return result;
        },
        { order: 'pre' },
      );
    },
  };
}

const sqlite = () => ({ sqlitePath: join(dir, 'cache.sqlite') });

describe('cache plugin: tools registered by other plugins', () => {
  it('caches a tool another plugin registered with cacheable: true, and runs one with cacheable: false each time', async () => {
    const runs: Record<string, number> = {};
    const statuses: unknown[] = [];
    await using t = await createTestHost({
      plugins: [
        statusSpy(statuses),
        cachePlugin(sqlite()),
        toolsPlugin([
          counted(runs, { name: 'search', cacheable: true, ttlMs: 60_000 }),
          counted(runs, { name: 'sendMail', cacheable: false }),
          counted(runs, { name: 'now' }),
        ]),
      ],
    });
    const first = await t.host.callTool('search', { q: 'hotpath' });
    const second = await t.host.callTool('search', { q: 'hotpath' });
    await t.host.callTool('search', { q: 'other' });
    for (let i = 0; i < 2; i++) {
      await t.host.callTool('sendMail', { to: 'a@b.c' });
      await t.host.callTool('now', {});
    }
    expect(second).toEqual(first);
    expect(runs).toEqual({ search: 2, sendMail: 2, now: 2 });
    expect(statuses).toEqual([
      'search:miss',
      'search:hit',
      'search:miss',
      'sendMail:undefined',
      'now:undefined',
      'sendMail:undefined',
      'now:undefined',
    ]);
  });

  it("lets toolPolicies override a tool's own flag", async () => {
    const runs: Record<string, number> = {};
    await using t = await createTestHost({
      plugins: [
        cachePlugin({ ...sqlite(), toolPolicies: { search: { cacheable: false } } }),
        toolsPlugin([counted(runs, { name: 'search', cacheable: true })]),
      ],
    });
    await t.host.callTool('search', { q: 1 });
    await t.host.callTool('search', { q: 1 });
    expect(runs).toEqual({ search: 2 });
  });

  it('caches the cacheable tools of a lazy plugin once it has loaded, through runTools', async () => {
    const runs: Record<string, number> = {};
    const lazyTools = toolsPlugin([counted(runs, { name: 'fetchDoc', cacheable: true })], 'lazy');
    await using t = await createTestHost({
      plugins: [cachePlugin(sqlite()), lazyPlugin('lazy', async () => lazyTools, { on: ['tool'] })],
    });
    const plan = [{ id: 'doc', tool: 'fetchDoc', args: { id: 7 } }] as const;
    const first = await t.host.runTools(plan);
    const second = await t.host.runTools(plan);
    expect(second.results).toEqual(first.results);
    expect(runs).toEqual({ fetchDoc: 1 });
  });

  it("keeps each tool's ttlMs: an entry expires after its own TTL", async () => {
    const runs: Record<string, number> = {};
    await using t = await createTestHost({
      plugins: [
        cachePlugin(sqlite()),
        toolsPlugin([counted(runs, { name: 'brief', cacheable: true, ttlMs: 1_500 })]),
      ],
    });
    await t.host.callTool('brief', {});
    await t.host.callTool('brief', {});
    expect(runs).toEqual({ brief: 1 });
    // Waiting past the TTL can only make the entry expire; the two calls above are well within it.
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    await t.host.callTool('brief', {});
    expect(runs).toEqual({ brief: 2 });
  });
});
