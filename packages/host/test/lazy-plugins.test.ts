import type { Plugin } from '@hotpath/protocol';
import { describe, expect, it, vi } from 'vitest';
import { createHost, LazyPluginLoadError, lazyPlugin } from '../src/index.ts';
import { ask, echoProvider } from './fixtures.ts';

function heavyPlugin(log: string[]): Plugin {
  return {
    name: 'heavy',
    setup(c) {
      log.push('setup heavy');
      c.wrap('complete', (next) => async (request, context) => {
        const result = await next(request, context);
        return { ...result, model: 'wrapped-by-heavy' };
      });
    },
  };
}

describe('lazy plugins', () => {
  it('loads on the first call that needs it; concurrent first calls share one load', async () => {
    const log: string[] = [];
    const load = vi.fn(async () => ({ default: heavyPlugin(log) }));
    const { provider, calls } = echoProvider();
    const host = createHost({
      provider,
      plugins: [lazyPlugin('heavy', load, { on: ['complete'] })],
    });
    const report = await host.ready();
    expect(load).not.toHaveBeenCalled();
    expect(report.plugins).toMatchObject([{ name: 'heavy', lazy: true, loaded: false }]);
    await host.embed({ model: 'e', input: ['x'] });
    expect(load).not.toHaveBeenCalled();
    const results = await Promise.all([1, 2, 3].map((i) => host.complete(ask(`q${i}`))));
    expect(load).toHaveBeenCalledTimes(1);
    expect(log).toEqual(['setup heavy']);
    expect(results.map((r) => r.model)).toEqual(Array(3).fill('wrapped-by-heavy'));
    expect(calls.complete).toBe(3);
    expect(host.bootReport().plugins).toMatchObject([{ name: 'heavy', lazy: true, loaded: true }]);
  });

  it('reports a failed load and tries again on the next call', async () => {
    const log: string[] = [];
    let attempts = 0;
    const load = async () => {
      if (attempts++ === 0) throw new Error('chunk failed to load');
      return heavyPlugin(log);
    };
    const host = createHost({
      provider: echoProvider().provider,
      plugins: [lazyPlugin('heavy', load)],
    });
    await expect(host.complete(ask('a'))).rejects.toBeInstanceOf(LazyPluginLoadError);
    expect((await host.complete(ask('b'))).model).toBe('wrapped-by-heavy');
    expect(attempts).toBe(2);
  });

  it('refuses a module whose plugin has another name', async () => {
    const host = createHost({
      provider: echoProvider().provider,
      plugins: [lazyPlugin('heavy', async () => ({ name: 'other', setup() {} }))],
    });
    const error = await host.complete(ask('a')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LazyPluginLoadError);
    expect(((error as Error).cause as Error).message).toContain('"heavy"');
  });

  it('loads for streams too, and a lazy plugin may use an eager one', async () => {
    const log: string[] = [];
    const host = createHost({
      provider: echoProvider().provider,
      plugins: [
        { name: 'base', setup: (c) => c.provide('test:base' as never, 'ready' as never) },
        lazyPlugin('streamer', async () => ({
          name: 'streamer',
          dependencies: ['base'],
          setup(c) {
            log.push(`streamer sees ${String(c.use('test:base' as never))}`);
          },
        })),
      ],
    });
    const texts: string[] = [];
    for await (const delta of host.stream(ask('a b')))
      if (delta.type === 'text') texts.push(delta.text);
    expect(texts).toEqual(['a', 'b']);
    expect(log).toEqual(['streamer sees ready']);
  });
});
