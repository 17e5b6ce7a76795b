import { describe, expect, it } from 'vitest';
import {
  createHost,
  DuplicateServiceError,
  HostArgumentError,
  MissingServiceError,
  NoProviderError,
  type PluginSetupError,
  UnknownToolError,
} from '../src/index.ts';
import { ask, echoProvider } from './fixtures.ts';

declare module '@hotpath/protocol' {
  interface Services {
    'test:counter': { next(): number };
  }
}

describe('services', () => {
  it('lets a plugin use the service its dependency provides', async () => {
    let seen = 0;
    const host = createHost({
      plugins: [
        {
          name: 'consumer',
          dependencies: ['counter'],
          setup: (c) => {
            const counter = c.use('test:counter');
            seen = counter.next() + counter.next();
          },
        },
        {
          name: 'counter',
          setup: (c) => {
            let n = 0;
            c.provide('test:counter', { next: () => ++n });
          },
        },
      ],
    });
    await host.ready();
    expect(seen).toBe(3);
    expect(host.service('test:counter').next()).toBe(3);
  });

  it('names the missing service and who asked for it', async () => {
    const host = createHost({
      plugins: [{ name: 'needy', setup: (c) => void c.use('test:counter') }],
    });
    const error = (await host.ready().catch((e: unknown) => e)) as PluginSetupError;
    expect(error.cause).toBeInstanceOf(MissingServiceError);
    expect((error.cause as Error).message).toContain(
      'Plugin "needy" asked for service "test:counter"',
    );
    expect(() => createHost().service('test:counter')).toThrow(MissingServiceError);
  });

  it('tryUse returns undefined for an absent optional service', async () => {
    let found: unknown = 'unset';
    const host = createHost({
      plugins: [
        {
          name: 'p',
          setup: (c) => {
            found = c.tryUse('test:counter');
          },
        },
      ],
    });
    await host.ready();
    expect(found).toBeUndefined();
  });

  it('refuses a second provider of the same service', async () => {
    const host = createHost({
      plugins: [
        { name: 'a', setup: (c) => c.provide('test:counter', { next: () => 1 }) },
        { name: 'b', setup: (c) => c.provide('test:counter', { next: () => 2 }) },
      ],
    });
    const error = (await host.ready().catch((e: unknown) => e)) as PluginSetupError;
    expect(error.plugin).toBe('b');
    expect(error.cause).toBeInstanceOf(DuplicateServiceError);
  });

  it('ends calls at the provider a plugin provides', async () => {
    const { provider, calls } = echoProvider();
    const host = createHost({
      plugins: [{ name: 'echo', setup: (c) => c.provide('provider', provider) }],
    });
    expect((await host.complete(ask('via service'))).message.content).toBe('echo: via service');
    expect(calls.complete).toBe(1);
  });

  it('rejects calls with a clear error when there is no provider', async () => {
    const host = createHost();
    await expect(host.complete(ask('x'))).rejects.toBeInstanceOf(NoProviderError);
    await expect(host.callTool('missing', {})).rejects.toBeInstanceOf(UnknownToolError);
  });

  it('rejects malformed options and registrations with a TypeError naming them', async () => {
    expect(() => createHost(null as never)).toThrow(HostArgumentError);
    expect(() => createHost({ plugins: [{ name: 'x' } as never] })).toThrow('setup');
    const host = createHost({
      plugins: [{ name: 'bad', setup: (c) => c.wrap('compute' as never, (n) => n) }],
    });
    const error = (await host.ready().catch((e: unknown) => e)) as PluginSetupError;
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((error.cause as Error).message).toContain('wrap(call)');
  });
});
