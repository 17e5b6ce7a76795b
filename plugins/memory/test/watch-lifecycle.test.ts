import { createTestHost } from '@hotpath/host-testing';
import { metricsPlugin } from '@hotpath/plugin-metrics';
import { describe, expect, it } from 'vitest';
import { memoryPlugin } from '../src/index.ts';

const timers = (): number =>
  process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('memory plugin lifecycle', () => {
  it('starts the watcher on setup and stops it, with its timer, on teardown', async () => {
    const before = timers();
    const t = await createTestHost({ plugins: [memoryPlugin({ intervalMs: 3_600_000 })] });
    const watcher = t.host.service('memory-watcher');
    expect(watcher.check()).toBeUndefined();
    expect(watcher.readings).toHaveLength(1);
    await t.close();
    expect(watcher.check()).toBeUndefined();
    expect(watcher.readings).toHaveLength(1);
    expect(timers()).toBe(before);
  });

  it('is set up after the metrics plugin and registers its metrics there', async () => {
    await using t = await createTestHost({
      plugins: [memoryPlugin({ intervalMs: 3_600_000 }), metricsPlugin()],
    });
    expect(t.host.bootReport().plugins.map((p) => p.name)).toEqual(['metrics', 'memory']);
    t.host.service('memory-watcher').check();
    const text = t.host.service('metrics').prometheus();
    expect(text).toMatch(/^hotpath_memory_watched_bytes \d+/m);
    expect(text).toContain('# TYPE hotpath_memory_leaks_total counter');
  });

  it('rejects bad options when the plugin is created, and bad watch options at setup', async () => {
    // @ts-expect-error checking the runtime guard
    expect(() => memoryPlugin({ onLeak: 'log' })).toThrow(
      expect.objectContaining({ code: 'HOTPATH_MEMORY_PLUGIN_INVALID_ARGUMENT' }),
    );
    const error = await createTestHost({ plugins: [memoryPlugin({ intervalMs: -1 })] }).catch(
      (e) => e,
    );
    expect(error.message).toContain('memory');
    expect(error.cause?.code).toBe('HOTPATH_MEMORY_INVALID_ARGUMENT');
  });
});
