import type { ResponseCache } from '@hotpath/cache';
import { createHost } from '@hotpath/host';
import { expectTypeOf, test } from 'vitest';
import { type CacheSavings, type CacheService, cachePlugin } from '../src/index.ts';

test('the cache service is typed end to end', () => {
  const host = createHost({ plugins: [cachePlugin()] });
  expectTypeOf(host.service('cache')).toEqualTypeOf<CacheService>();
  expectTypeOf(host.service('cache').savings()).toEqualTypeOf<CacheSavings>();
  expectTypeOf(host.service('cache').responses).toEqualTypeOf<ResponseCache>();
  // @ts-expect-error determinism.force is a boolean
  cachePlugin({ determinism: { force: 'yes' } });
});
