import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createCache, createSqliteStore } from '@hotpath/cache';
import { expect, it } from 'vitest';

it('treats an undecodable L2 entry as a miss and publishes an error event', async () => {
  await using store = await createSqliteStore({ path: ':memory:' });
  const errors: unknown[] = [];
  const listener = (message: unknown) => errors.push(message);
  subscribe('hotpath:cache:error', listener);
  try {
    await using cache = await createCache({ l2: store });
    await store.set('garbage', Uint8Array.of(0xff, 0x0d, 0x6f, 0x02, 0x99));
    await store.set('wrong-shape', 'not base64 of anything useful');
    expect(await cache.get('garbage')).toBeUndefined();
    expect(await cache.get('wrong-shape')).toBeUndefined();
    expect(await cache.getOrSet('garbage', () => 'recomputed')).toBe('recomputed');
    expect(cache.stats().l2.decodeErrors).toBe(3);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatchObject({
      operation: 'decode',
      key: 'garbage',
      error: { code: 'HOTPATH_CACHE_DECODE_FAILED' },
    });
  } finally {
    unsubscribe('hotpath:cache:error', listener);
  }
});
