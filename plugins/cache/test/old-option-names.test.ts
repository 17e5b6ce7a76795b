import { CachePluginArgumentError, cachePlugin } from '@hotpath/plugin-cache';
import { expect, it } from 'vitest';

it('cachePlugin rejects the old determinism.ttl when it is made, naming ttlMs', () => {
  const make = () => cachePlugin({ determinism: { ttl: 60_000 } } as never);
  expect(make).toThrow(CachePluginArgumentError);
  expect(make).toThrow(
    'cachePlugin(): options.determinism.ttl is not an option; durations are in milliseconds and end in Ms: use options.determinism.ttlMs.',
  );
});

it('cachePlugin rejects unknown keys of its options and of a tool policy', () => {
  expect(() => cachePlugin({ sqlite: 'x.db' } as never)).toThrow(/options.sqlite is not an option/);
  expect(() => cachePlugin({ toolPolicies: { read: { ttl: 5 } } } as never)).toThrow(
    'use options.toolPolicies.read.ttlMs.',
  );
  try {
    cachePlugin({ ttl: 1 } as never);
  } catch (error) {
    expect(error).toMatchObject({ code: 'HOTPATH_CACHE_PLUGIN_INVALID_ARGUMENT' });
    return;
  }
  throw new Error('cachePlugin accepted an unknown key');
});
