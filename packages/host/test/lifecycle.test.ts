import { describe, expect, it } from 'vitest';
import {
  createHost,
  HostClosedError,
  PluginSetupError,
  PluginSetupTimeoutError,
  TeardownError,
} from '../src/index.ts';
import { ask, echoProvider, recordingPlugin } from './fixtures.ts';

describe('host lifecycle', () => {
  it('tears down started plugins in reverse when a setup fails, naming the plugin', async () => {
    const log: string[] = [];
    const cause = new Error('cannot reach redis');
    const host = createHost({
      plugins: [
        recordingPlugin(log, 'metrics'),
        recordingPlugin(log, 'cache'),
        recordingPlugin(log, 'rate-limit', {
          onSetup: () => {
            throw cause;
          },
        }),
        recordingPlugin(log, 'never'),
      ],
    });
    const error = (await host.ready().catch((e: unknown) => e)) as PluginSetupError;
    expect(error).toBeInstanceOf(PluginSetupError);
    expect(error.plugin).toBe('rate-limit');
    expect(error.cause).toBe(cause);
    expect(error.message).toContain('"rate-limit"');
    expect(log).toEqual([
      'setup metrics',
      'setup cache',
      'setup rate-limit',
      'teardown rate-limit',
      'teardown cache',
      'teardown metrics',
    ]);
  });

  it('times a hanging setup out, aborts its signal and ignores what it registers later', async () => {
    let signal: AbortSignal | undefined;
    const host = createHost({
      setupTimeoutMs: 20,
      plugins: [
        {
          name: 'slow',
          setup: (context) => {
            signal = context.signal;
            return new Promise(() => {});
          },
        },
      ],
    });
    const error = (await host.ready().catch((e: unknown) => e)) as PluginSetupTimeoutError;
    expect(error).toBeInstanceOf(PluginSetupTimeoutError);
    expect(error.plugin).toBe('slow');
    expect(signal?.aborted).toBe(true);
  });

  it('runs every teardown even when some fail, then reports them', async () => {
    const log: string[] = [];
    const host = createHost({
      teardownTimeoutMs: 20,
      plugins: [
        recordingPlugin(log, 'a'),
        {
          name: 'broken',
          setup: (c) =>
            c.onClose(() => {
              throw new Error('socket already closed');
            }),
        },
        { name: 'stuck', setup: (c) => c.onClose(() => new Promise(() => {})) },
        recordingPlugin(log, 'b'),
      ],
    });
    await host.ready();
    const error = (await host.close().catch((e: unknown) => e)) as TeardownError;
    expect(error).toBeInstanceOf(TeardownError);
    expect(error.failures.map((f) => f.plugin)).toEqual(['stuck', 'broken']);
    expect(log).toEqual(['setup a', 'setup b', 'teardown b', 'teardown a']);
  });

  it('lets calls made before ready() wait for boot', async () => {
    const { provider } = echoProvider();
    const log: string[] = [];
    const host = createHost({ provider, plugins: [recordingPlugin(log, 'p')] });
    const result = await host.complete(ask('early'));
    expect(result.message.content).toBe('echo: early');
    expect(log).toEqual(['setup p']);
  });

  it('refuses calls after close and aborts plugin signals', async () => {
    let signal: AbortSignal | undefined;
    const { provider } = echoProvider();
    const host = createHost({
      provider,
      plugins: [
        {
          name: 'p',
          setup: (c) => {
            signal = c.signal;
          },
        },
      ],
    });
    await host.ready();
    await host.close();
    await expect(host.complete(ask('late'))).rejects.toBeInstanceOf(HostClosedError);
    const stream = host.stream(ask('late'))[Symbol.asyncIterator]();
    await expect(stream.next()).rejects.toBeInstanceOf(HostClosedError);
    expect(signal?.aborted).toBe(true);
    await host.close();
  });

  it('reports each plugin setup time in the boot report', async () => {
    const host = createHost({
      plugins: [
        { name: 'a', version: '1.2.3', setup: () => {} },
        { name: 'b', setup: () => {} },
      ],
    });
    const report = await host.ready();
    expect(report.plugins).toMatchObject([
      { name: 'a', version: '1.2.3', lazy: false, loaded: true },
      { name: 'b', lazy: false, loaded: true },
    ]);
    expect(report.plugins.every((p) => p.setupMs >= 0)).toBe(true);
    expect(report.totalMs).toBeGreaterThanOrEqual(0);
  });
});
