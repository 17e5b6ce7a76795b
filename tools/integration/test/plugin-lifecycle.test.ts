import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHost, PluginSetupError } from '@hotpath/host';
import { cachePlugin } from '@hotpath/plugin-cache';
import { metricsPlugin } from '@hotpath/plugin-metrics';
import { openaiPlugin } from '@hotpath/plugin-openai';
import { rateLimitPlugin } from '@hotpath/plugin-rate-limit';
import { tokenBudgetPlugin } from '@hotpath/plugin-token-budget';
import type { Plugin } from '@hotpath/protocol';
import { startSimulator } from '@hotpath/simulator';
import { TokenWorkersClosedError } from '@hotpath/tokens';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('hotpath-integration-lifecycle-');
});
afterEach(() => dir.remove());

/** The real plugin, logging when its setup starts and when each of its real teardowns has run. */
function observed(plugin: Plugin, log: string[]): Plugin {
  return {
    ...plugin,
    setup(context) {
      log.push(`setup ${plugin.name}`);
      return plugin.setup({
        ...context,
        onClose: (teardown) =>
          context.onClose(async () => {
            await teardown();
            log.push(`teardown ${plugin.name}`);
          }),
      });
    },
  };
}

describe('full host: plugin lifecycle', () => {
  it('tears the started plugins down in reverse when one fails to set up, and names it', async () => {
    await using sim = await startSimulator({ port: 0 });
    // A file where the cache expects a directory: opening its SQLite L2 really fails.
    const notADirectory = join(dir.path, 'occupied');
    await writeFile(notADirectory, 'a file, not a directory');
    const log: string[] = [];
    const host = createHost({
      plugins: [
        observed(openaiPlugin({ baseURL: `${sim.url}/v1`, apiKey: 'sk-integration' }), log),
        observed(metricsPlugin(), log),
        observed(rateLimitPlugin({ limits: [{ name: 'rpm', limit: 100 }] }), log),
        observed(cachePlugin({ sqlitePath: join(notADirectory, 'cache.sqlite') }), log),
        observed(tokenBudgetPlugin({ workers: { threads: 1 } }), log),
      ],
    });
    const error = await host.ready().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PluginSetupError);
    expect(error).toMatchObject({ code: 'HOTPATH_HOST_SETUP_FAILED', plugin: 'cache' });
    expect((error as Error).message).toContain('"cache"');
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(log).toEqual([
      'setup openai',
      'setup metrics',
      'setup rate-limit',
      'setup cache',
      'teardown metrics',
      'teardown openai',
    ]);
    // Calls on a host that failed to start reject with the same error and reach nothing.
    await expect(host.complete({ model: 'sim-small', messages: [] })).rejects.toBe(error);
    expect(sim.stats().requests).toBe(0);
    await host.close();
  });

  it('tears every plugin down last-in first-out on close, releasing real connections and workers', async () => {
    await using sim = await startSimulator({ port: 0 });
    const log: string[] = [];
    const host = createHost({
      plugins: [
        observed(tokenBudgetPlugin({ workers: { threads: 1 } }), log),
        observed(cachePlugin({ sqlitePath: join(dir.path, 'cache.sqlite') }), log),
        observed(metricsPlugin(), log),
        observed(openaiPlugin({ baseURL: `${sim.url}/v1`, apiKey: 'sk-integration' }), log),
      ],
    });
    await host.ready();
    expect(host.bootReport().plugins.map((p) => p.name)).toEqual([
      'token-budget',
      'cache',
      'metrics',
      'openai',
    ]);
    const request = { model: 'sim-small', messages: [{ role: 'user' as const, content: 'hi' }] };
    await Promise.all([1, 2, 3].map((i) => host.complete({ ...request, seed: i })));
    expect(sim.stats().activeConnections).toBeGreaterThan(0);
    const workers = host.service('token-budget').workers;
    await host.close();
    expect(log.filter((line) => line.startsWith('teardown'))).toEqual([
      'teardown openai',
      'teardown metrics',
      'teardown cache',
      'teardown token-budget',
    ]);
    await sim.waitFor((stats) => stats.activeConnections === 0);
    await expect(workers?.count('after close')).rejects.toBeInstanceOf(TokenWorkersClosedError);
  });
});
