import { describe, expect, it } from 'vitest';
import {
  createHost,
  DependencyCycleError,
  DuplicatePluginError,
  MissingDependencyError,
} from '../src/index.ts';
import { echoProvider, recordingPlugin } from './fixtures.ts';

describe('plugin order', () => {
  it('sets plugins up after their dependencies, otherwise in the given order', async () => {
    const log: string[] = [];
    const host = createHost({
      provider: echoProvider().provider,
      plugins: [
        recordingPlugin(log, 'cache', { dependencies: ['metrics'] }),
        recordingPlugin(log, 'budget'),
        recordingPlugin(log, 'metrics'),
        recordingPlugin(log, 'rate-limit', { dependencies: ['cache', 'metrics'] }),
      ],
    });
    const report = await host.ready();
    expect(log).toEqual(['setup budget', 'setup metrics', 'setup cache', 'setup rate-limit']);
    expect(report.plugins.map((p) => p.name)).toEqual(['budget', 'metrics', 'cache', 'rate-limit']);
    await host.close();
    expect(log.slice(4)).toEqual([
      'teardown rate-limit',
      'teardown cache',
      'teardown metrics',
      'teardown budget',
    ]);
  });

  it('orders optional dependencies when present and ignores them when absent', async () => {
    const log: string[] = [];
    const host = createHost({
      plugins: [
        recordingPlugin(log, 'cache', { optionalDependencies: ['metrics', 'redis'] }),
        recordingPlugin(log, 'metrics'),
      ],
    });
    await host.ready();
    expect(log).toEqual(['setup metrics', 'setup cache']);
  });

  it('names the plugin and the missing dependency before anything starts', async () => {
    const log: string[] = [];
    const host = createHost({
      plugins: [
        recordingPlugin(log, 'a'),
        recordingPlugin(log, 'cache', { dependencies: ['redis'] }),
      ],
    });
    const error = await host.ready().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingDependencyError);
    expect((error as Error).message).toContain('"cache" requires plugin "redis"');
    expect(log).toEqual([]);
  });

  it('names the plugins on a dependency cycle', async () => {
    const log: string[] = [];
    const host = createHost({
      plugins: [
        recordingPlugin(log, 'free'),
        recordingPlugin(log, 'a', { dependencies: ['b'] }),
        recordingPlugin(log, 'b', { dependencies: ['c'] }),
        recordingPlugin(log, 'c', { dependencies: ['a'] }),
      ],
    });
    const error = (await host.ready().catch((e: unknown) => e)) as DependencyCycleError;
    expect(error).toBeInstanceOf(DependencyCycleError);
    expect(error.code).toBe('HOTPATH_HOST_DEPENDENCY_CYCLE');
    expect(error.cycle).toEqual(['a', 'b', 'c', 'a']);
    expect(log).toEqual([]);
  });

  it('rejects two plugins with one name', async () => {
    const host = createHost({ plugins: [recordingPlugin([], 'x'), recordingPlugin([], 'x')] });
    await expect(host.ready()).rejects.toBeInstanceOf(DuplicatePluginError);
  });
});
