import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createTestHost } from '@hotpath/host-testing';
import type { LeakAlert } from '@hotpath/memory';
import { metricsPlugin } from '@hotpath/plugin-metrics';
import type { Plugin } from '@hotpath/protocol';
import { leakyFixture } from '@hotpath/testing';
import { expect, it } from 'vitest';
import { memoryPlugin } from '../src/index.ts';

/** A plugin with a bug: every completion keeps 32 KiB forever. */
function leakyPlugin(): Plugin {
  const fixture = leakyFixture(32 * 1024);
  let calls = 0;
  return {
    name: 'leaky',
    setup(context) {
      context.wrap('complete', (next) => (request, ctx) => {
        fixture.run(calls++);
        return next(request, ctx);
      });
    },
  };
}

it('reports a leaky workload to onLeak, the diagnostics channel and the metrics', async () => {
  const alerts: LeakAlert[] = [];
  const published: unknown[] = [];
  const onPublish = (message: unknown) => void published.push(message);
  subscribe('hotpath:memory:leak', onPublish);
  let clock = 0;
  try {
    await using t = await createTestHost({
      plugins: [
        leakyPlugin(),
        metricsPlugin(),
        memoryPlugin({
          intervalMs: 3_600_000, // readings are taken by check() below, not by the timer
          window: 6,
          now: () => clock,
          onLeak: (alert) => void alerts.push(alert),
        }),
      ],
    });
    const watcher = t.host.service('memory-watcher');
    for (let round = 0; round < 12 && watcher.alerts === 0; round++) {
      for (let i = 0; i < 10; i++) await t.host.complete(t.request(`round ${round} call ${i}`));
      clock += 1000;
      watcher.check();
    }
    expect(watcher.alerts).toBe(1);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.leak).toBe(true);
    expect(alerts[0]!.bytesPerSecond).toBeGreaterThan(100 * 1024);
    expect(published).toEqual([alerts[0]]);
    const text = t.host.service('metrics').prometheus();
    expect(text).toMatch(/^hotpath_memory_leaks_total 1$/m);
    expect(text).toMatch(/^hotpath_memory_leak_bytes_per_second \d/m);
  } finally {
    unsubscribe('hotpath:memory:leak', onPublish);
  }
});
