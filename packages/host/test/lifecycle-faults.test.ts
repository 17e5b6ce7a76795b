import type { Plugin, PluginContext } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import {
  createHost,
  DuplicatePluginError,
  HostArgumentError,
  HostClosedError,
  lazyPlugin,
  PluginSetupError,
  PluginSetupTimeoutError,
} from '../src/index.ts';
import { ask, echoProvider, recordingPlugin } from './fixtures.ts';

/** A promise and the function that resolves it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('host lifecycle faults', () => {
  it.each([
    ['complete', (host: ReturnType<typeof createHost>) => host.complete(ask('x'))],
    ['embed', (host: ReturnType<typeof createHost>) => host.embed({ model: 'm', input: ['x'] })],
    ['tool', (host: ReturnType<typeof createHost>) => host.callTool('t', {})],
    [
      'stream',
      (host: ReturnType<typeof createHost>) => {
        const deltas = host.stream(ask('x'));
        return (async () => {
          for await (const _ of deltas) {
            // drained
          }
        })();
      },
    ],
  ] as const)(
    'a %s middleware that throws synchronously rejects the call instead of throwing from it',
    async (call, run) => {
      const { provider } = echoProvider();
      const boom = new Error('middleware bug');
      const host = createHost({
        provider,
        plugins: [
          {
            name: 'thrower',
            setup: (c) =>
              c.wrap(call, () => () => {
                throw boom;
              }),
          },
        ],
      });
      await host.ready();
      let outcome: Promise<unknown> | undefined;
      expect(() => {
        outcome = run(host);
      }).not.toThrow();
      await expect(outcome).rejects.toBe(boom);
      await host.close();
    },
  );

  it('refuses two plugins with one name, lazy or eager, before setting any up', async () => {
    const log: string[] = [];
    const lazy = (tag: string) =>
      lazyPlugin('dup', async () => recordingPlugin(log, 'dup', { version: tag }));
    for (const plugins of [
      [lazy('a'), lazy('b')],
      [recordingPlugin(log, 'dup'), lazy('b')],
      [lazy('a'), recordingPlugin(log, 'dup')],
    ]) {
      const host = createHost({ provider: echoProvider().provider, plugins });
      await expect(host.ready()).rejects.toBeInstanceOf(DuplicatePluginError);
      await host.close();
    }
    expect(log).toEqual([]);
  });

  it('does not boot after close(): ready() rejects and no plugin is left set up', async () => {
    const log: string[] = [];
    const host = createHost({ plugins: [recordingPlugin(log, 'p')] });
    await host.close();
    await expect(host.ready()).rejects.toBeInstanceOf(HostClosedError);
    expect(log).toEqual([]);
  });

  it('close() waits for a lazy setup in flight, tears it down, and the call waiting on it is refused', async () => {
    const log: string[] = [];
    const setup = gate();
    const { provider, calls } = echoProvider();
    const late: Plugin = {
      name: 'late',
      async setup(c) {
        log.push('setup late');
        await setup.promise;
        c.onClose(() => {
          log.push('teardown late');
        });
      },
    };
    const host = createHost({ provider, plugins: [lazyPlugin('late', async () => late)] });
    await host.ready();
    const call = host.complete(ask('x')).catch((e: unknown) => e);
    while (!log.includes('setup late')) await new Promise((r) => setImmediate(r));
    const closing = host.close();
    await new Promise((r) => setImmediate(r));
    setup.open();
    await closing;
    expect(log).toEqual(['setup late', 'teardown late']);
    expect(await call).toBeInstanceOf(HostClosedError);
    await expect(host.complete(ask('y'))).rejects.toBeInstanceOf(HostClosedError);
    expect(calls.complete).toBe(0);
  });

  it('a boot still running when close() is called does not reopen the host', async () => {
    const log: string[] = [];
    const setup = gate();
    const { provider, calls } = echoProvider();
    const host = createHost({
      provider,
      plugins: [recordingPlugin(log, 'slow', { onSetup: () => setup.promise })],
    });
    const booting = host.ready();
    const closing = host.close();
    setup.open();
    await booting;
    await closing;
    await expect(host.complete(ask('x'))).rejects.toBeInstanceOf(HostClosedError);
    expect(calls.complete).toBe(0);
    expect(log).toEqual(['setup slow', 'teardown slow']);
  });

  it('does not load a lazy plugin for runTools after close()', async () => {
    const log: string[] = [];
    const host = createHost({
      plugins: [lazyPlugin('tools', async () => recordingPlugin(log, 'tools'), { on: ['tool'] })],
    });
    await host.ready();
    await host.close();
    await expect(host.runTools([{ id: 'a', tool: 't', args: {} }])).rejects.toBeInstanceOf(
      HostClosedError,
    );
    expect(log).toEqual([]);
  });

  it.each([
    ['setupTimeoutMs', 3e9],
    ['setupTimeoutMs', -1],
    ['setupTimeoutMs', Number.NaN],
    ['setupTimeoutMs', '100'],
    ['teardownTimeoutMs', 2 ** 31],
    ['teardownTimeoutMs', -5],
  ])('rejects %s %j, which a Node timer cannot run as asked', (name, value) => {
    expect(() => createHost({ [name]: value })).toThrow(HostArgumentError);
  });

  it('accepts Infinity as no setup limit and the longest Node timer', async () => {
    const host = createHost({
      setupTimeoutMs: Number.POSITIVE_INFINITY,
      teardownTimeoutMs: 2 ** 31 - 1,
    });
    await host.ready();
    await host.close();
  });

  it('refuses what a timed-out lazy setup registers later, so the next call sets it up cleanly', async () => {
    let attempt = 0;
    let first: PluginContext | undefined;
    const { provider } = echoProvider();
    const lazyService: Plugin = {
      name: 'svc',
      async setup(c) {
        if (attempt++ === 0) {
          first = c;
          await new Promise(() => {});
        }
        c.provide('svc' as never, 'second' as never);
      },
    };
    const host = createHost({
      provider,
      setupTimeoutMs: 20,
      plugins: [lazyPlugin('svc', async () => lazyService)],
    });
    await expect(host.complete(ask('x'))).rejects.toBeInstanceOf(PluginSetupTimeoutError);
    expect(() => first!.provide('svc' as never, 'first' as never)).toThrow(PluginSetupTimeoutError);
    expect(() => first!.wrap('complete', (next) => next)).toThrow(PluginSetupTimeoutError);
    await expect(host.complete(ask('x'))).resolves.toMatchObject({ model: 'test' });
    expect(host.service('svc' as never)).toBe('second');
    await host.close();
  });

  it('runs at once a teardown registered after close, and refuses new registrations', async () => {
    let context: PluginContext | undefined;
    const host = createHost({
      plugins: [
        {
          name: 'p',
          setup: (c) => {
            context = c;
          },
        },
      ],
    });
    await host.ready();
    await host.close();
    let tornDown = false;
    context!.onClose(() => {
      tornDown = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(tornDown).toBe(true);
    expect(() => context!.provide('x' as never, 1 as never)).toThrow(HostClosedError);
  });

  it('wraps a plain error thrown from a late registration of a failed setup as its setup error', async () => {
    let context: PluginContext | undefined;
    const host = createHost({
      plugins: [
        {
          name: 'bad',
          setup: (c) => {
            context = c;
            throw new Error('setup bug');
          },
        },
      ],
    });
    await expect(host.ready()).rejects.toBeInstanceOf(PluginSetupError);
    expect(() => context!.registerTool({ name: 't', run: () => 1 } as never)).toThrow(
      PluginSetupError,
    );
    await host.close();
  });
});

describe('host middleware factories that throw', () => {
  const factoryBug = new Error('factory bug');
  const throwingFactory = (name: string): Plugin => ({
    name,
    setup: (c) =>
      c.wrap('complete', () => {
        throw factoryBug;
      }),
  });

  it('fail boot with a typed setup error naming the plugin, and roll back the started plugins', async () => {
    const log: string[] = [];
    const host = createHost({
      provider: echoProvider().provider,
      plugins: [recordingPlugin(log, 'first'), throwingFactory('broken')],
    });
    const error = (await host.ready().catch((e: unknown) => e)) as PluginSetupError;
    expect(error).toBeInstanceOf(PluginSetupError);
    expect(error.plugin).toBe('broken');
    expect(error.cause).toBe(factoryBug);
    expect(log).toEqual(['setup first', 'teardown first']);
    await host.close();
  });

  it('fail each call that loads the lazy plugin with a typed error instead of spinning', async () => {
    const { provider, calls } = echoProvider();
    const host = createHost({
      provider,
      plugins: [lazyPlugin('broken', async () => throwingFactory('broken'))],
    });
    for (let i = 0; i < 2; i++) {
      const error = (await host.complete(ask('x')).catch((e: unknown) => e)) as PluginSetupError;
      expect(error).toBeInstanceOf(PluginSetupError);
      expect(error.cause).toBe(factoryBug);
    }
    expect(calls.complete).toBe(0);
    expect(host.bootReport().plugins).toMatchObject([{ name: 'broken', loaded: false }]);
    await host.close();
  });
});

describe('host plugin declarations', () => {
  it.each([
    ['a string', 'cache'],
    ['null', null],
    ['a list holding a number', [1]],
  ])('rejects dependencies given as %s with its typed error', (_, dependencies) => {
    const plugins = [
      { name: 'cache', setup() {} },
      { name: 'p', dependencies: dependencies as never, setup() {} },
    ];
    expect(() => createHost({ plugins })).toThrow(HostArgumentError);
    expect(() =>
      createHost({
        plugins: [{ name: 'p', optionalDependencies: dependencies as never, setup() {} }],
      }),
    ).toThrow(HostArgumentError);
  });

  it('rejects a lazy plugin whose loaded module declares dependencies as a string', async () => {
    const host = createHost({
      plugins: [
        { name: 'cache', setup() {} },
        lazyPlugin('late', async () => ({
          name: 'late',
          dependencies: 'cache' as never,
          setup() {},
        })),
      ],
    });
    await expect(host.complete(ask('x'))).rejects.toBeInstanceOf(HostArgumentError);
    await host.close();
  });

  it('rejects a plugin with an empty name', () => {
    expect(() => createHost({ plugins: [{ name: '', setup() {} }] })).toThrow(HostArgumentError);
  });
});

describe('host call options', () => {
  it.each([
    ['a string', 'x'],
    ['an object', { aborted: false }],
  ])(
    'rejects %s as the signal of every call with the typed error, before the provider',
    async (_, signal) => {
      const { provider, calls } = echoProvider();
      const host = createHost({ provider });
      const options = { signal: signal as never };
      await expect(host.complete(ask('x'), options)).rejects.toBeInstanceOf(HostArgumentError);
      await expect(host.embed({ model: 'm', input: ['x'] }, options)).rejects.toBeInstanceOf(
        HostArgumentError,
      );
      await expect(host.callTool('t', {}, options)).rejects.toBeInstanceOf(HostArgumentError);
      const stream = async () => {
        for await (const _delta of host.stream(ask('x'), options)) {
          // drained
        }
      };
      await expect(stream()).rejects.toBeInstanceOf(HostArgumentError);
      expect(calls).toMatchObject({ complete: 0, stream: 0, embed: 0 });
      await host.close();
    },
  );

  it('passes the caller signal through to the provider, and an abort rejects the call', async () => {
    const { provider } = echoProvider();
    const seen: (AbortSignal | undefined)[] = [];
    const host = createHost({
      provider: {
        ...provider,
        complete: (_request, context) => {
          seen.push(context?.signal);
          return new Promise((_, reject) =>
            context?.signal?.addEventListener('abort', () => reject(context.signal?.reason)),
          );
        },
      },
      plugins: [
        {
          name: 'passthrough',
          setup: (c) => c.wrap('complete', (next) => (request, context) => next(request, context)),
        },
      ],
    });
    const controller = new AbortController();
    const call = host.complete(ask('x'), { signal: controller.signal });
    await host.ready();
    while (seen.length === 0) await new Promise((r) => setImmediate(r));
    const reason = new Error('user left');
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(seen).toEqual([controller.signal]);
    await host.close();
  });
});
