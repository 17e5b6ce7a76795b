import type { Savings } from '@hotpath/cache';
import { createHost } from '@hotpath/host';
import type { CallLocals, Plugin } from '@hotpath/protocol';
import { expectTypeOf, test } from 'vitest';
import { type CacheStatus, cachePlugin } from '../src/index.ts';

declare module '@hotpath/protocol' {
  interface CallLocals {
    /** A third-party plugin's own local, next to the cache plugin's. */
    thirdParty?: { readonly seen: CacheStatus | 'uncached' };
  }
}

test("a third-party plugin reads the cache plugin's locals with their declared types", () => {
  const reader: Plugin = {
    name: 'third-party',
    setup(context) {
      context.wrap('complete', (next) => async (request, ctx) => {
        const result = await next(request, ctx);
        expectTypeOf(ctx.locals.cache).toEqualTypeOf<'hit' | 'shared' | 'miss' | undefined>();
        expectTypeOf(ctx.locals.cacheSavings).toEqualTypeOf<Savings | undefined>();
        expectTypeOf(ctx.locals.cachedEmbeddings).toEqualTypeOf<number | undefined>();
        ctx.locals.thirdParty = { seen: ctx.locals.cache ?? 'uncached' };
        // @ts-expect-error a local holds its writer's type: the cache status is no free string
        ctx.locals.cache = 'stale';
        // @ts-expect-error there is no string-keyed bag: an undeclared key does not exist
        ctx.locals['cache:saved'] = 1;
        return result;
      });
    },
  };
  expectTypeOf(reader).toExtend<Plugin>();
});

test('the caller passes typed locals in and reads them back', async () => {
  const host = createHost({ plugins: [cachePlugin()] });
  const locals: CallLocals = {};
  await host.complete({ model: 'm', messages: [] }, { locals });
  expectTypeOf(locals.cache).toEqualTypeOf<CacheStatus | undefined>();
  expectTypeOf(locals.thirdParty).toEqualTypeOf<
    { readonly seen: CacheStatus | 'uncached' } | undefined
  >();
  // @ts-expect-error a seeded value must have the declared type
  await host.complete({ model: 'm', messages: [] }, { locals: { cache: 'bogus' } });
  // @ts-expect-error undeclared keys are rejected, even in an object literal
  await host.embed({ model: 'm', input: [] }, { locals: { undeclared: true } });
});
