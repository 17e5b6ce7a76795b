import type { CallLocals, Middleware } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import { createHost } from '../src/index.ts';
import { ask, echoProvider } from './fixtures.ts';

declare module '@hotpath/protocol' {
  interface CallLocals {
    /** Set by this file's short-circuit middleware. */
    seen?: boolean;
  }
}

function tracing(log: string[], name: string): Middleware<'complete'> {
  return (next) => async (request, context) => {
    log.push(`> ${name}`);
    const result = await next(request, context);
    log.push(`< ${name}`);
    return result;
  };
}

describe('middleware', () => {
  it('runs pre, then normal, then post middleware, each group in plugin order', async () => {
    const log: string[] = [];
    const { provider } = echoProvider();
    const host = createHost({
      provider,
      plugins: [
        {
          name: 'one',
          setup: (c) => c.wrap('complete', tracing(log, 'one-post'), { order: 'post' }),
        },
        { name: 'two', setup: (c) => c.wrap('complete', tracing(log, 'two-normal')) },
        {
          name: 'three',
          setup: (c) => c.wrap('complete', tracing(log, 'three-pre'), { order: 'pre' }),
        },
        { name: 'four', setup: (c) => c.wrap('complete', tracing(log, 'four-normal')) },
      ],
    });
    const result = await host.complete(ask('hi'));
    expect(result.message.content).toBe('echo: hi');
    expect(log).toEqual([
      '> three-pre',
      '> two-normal',
      '> four-normal',
      '> one-post',
      '< one-post',
      '< four-normal',
      '< two-normal',
      '< three-pre',
    ]);
  });

  it('builds each chain once, not per call', async () => {
    let built = 0;
    const { provider, calls } = echoProvider();
    const host = createHost({
      provider,
      plugins: [
        {
          name: 'counting',
          setup: (c) =>
            c.wrap('complete', (next) => {
              built++;
              return next;
            }),
        },
      ],
    });
    for (let i = 0; i < 100; i++) await host.complete(ask(`q${i}`));
    expect(built).toBe(1);
    expect(calls.complete).toBe(100);
  });

  it('lets middleware answer without calling the provider, and share per-call locals', async () => {
    const locals: CallLocals = {};
    const { provider, calls } = echoProvider();
    const host = createHost({
      provider,
      plugins: [
        {
          name: 'short-circuit',
          setup: (c) =>
            c.wrap('complete', (next) => async (request, context) => {
              context.locals.seen = true;
              if (request.model === 'cached') {
                return { ...(await next(request, context)), model: 'from-cache' };
              }
              return next(request, context);
            }),
        },
      ],
    });
    const result = await host.complete({ ...ask('x'), model: 'cached' }, { locals });
    expect(result.model).toBe('from-cache');
    expect(locals.seen).toBe(true);
    expect(calls.complete).toBe(1);
  });

  it('wraps streams; breaking early closes the provider stream', async () => {
    const { provider, calls } = echoProvider();
    const host = createHost({
      provider,
      plugins: [
        {
          name: 'upper',
          setup: (c) =>
            c.wrap(
              'stream',
              (next) =>
                async function* (request, context) {
                  for await (const delta of next(request, context)) {
                    yield delta.type === 'text'
                      ? { ...delta, text: delta.text.toUpperCase() }
                      : delta;
                  }
                },
            ),
        },
      ],
    });
    const texts: string[] = [];
    for await (const delta of host.stream(ask('one two three four'))) {
      if (delta.type === 'text') texts.push(delta.text);
      if (texts.length === 2) break;
    }
    expect(texts).toEqual(['ONE', 'TWO']);
    expect(calls.streamsClosed).toBe(1);
  });

  it('passes embeddings and tool calls through their own chains', async () => {
    const { provider } = echoProvider();
    const host = createHost({
      provider,
      plugins: [
        {
          name: 'tools',
          setup(c) {
            c.registerTool({
              name: 'add',
              run: (args) => (args as number[]).reduce((a, b) => a + b),
            });
            c.wrap('tool', (next) => async (invocation, context) => ({
              result: await next(invocation, context),
            }));
          },
        },
      ],
    });
    await expect(host.callTool('add', [1, 2, 3])).resolves.toEqual({ result: 6 });
    const embedded = await host.embed({ model: 'e', input: ['abc', 'de'] });
    expect(embedded.embeddings.map((v) => v[0])).toEqual([3, 2]);
    expect(host.tools().map((t) => t.name)).toEqual(['add']);
  });
});
