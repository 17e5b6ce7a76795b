import type { CompletionResult, Plugin } from '@hotpath/protocol';
import { expectTypeOf, test } from 'vitest';
import { createHost } from '../src/index.ts';

declare module '@hotpath/protocol' {
  interface Services {
    'typed:clock': { now(): number };
  }
}

test('services are typed end to end through declaration merging', () => {
  const plugin: Plugin = {
    name: 'clock',
    setup(context) {
      context.provide('typed:clock', { now: () => 1 });
      expectTypeOf(context.use('typed:clock').now).returns.toEqualTypeOf<number>();
      // @ts-expect-error a service must match its declared type
      context.provide('typed:clock', { now: () => 'one' });
    },
  };
  const host = createHost({ plugins: [plugin] });
  expectTypeOf(host.service('typed:clock')).toEqualTypeOf<{ now(): number }>();
});

test('middleware sees and returns the call it wraps', () => {
  const plugin: Plugin = {
    name: 'typed-middleware',
    setup(context) {
      context.wrap('complete', (next) => async (request, ctx) => {
        expectTypeOf(request.messages).not.toBeAny();
        const result = await next(request, ctx);
        expectTypeOf(result).toEqualTypeOf<CompletionResult>();
        return result;
      });
      // @ts-expect-error a complete middleware must return a completion
      context.wrap('complete', () => async () => 'not a completion');
    },
  };
  expectTypeOf(plugin.name).toBeString();
});
