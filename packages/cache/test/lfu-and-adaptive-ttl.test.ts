import { setTimeout as sleep } from 'node:timers/promises';
import { createCache } from '@hotpath/cache';
import { expect, it } from 'vitest';

it('with LFU admission, a one-off key does not evict hot entries from a full L1', async () => {
  await using lfu = await createCache({ max: 3, admission: 'lfu' });
  await using lru = await createCache({ max: 3 });
  for (const cache of [lfu, lru]) {
    for (const key of ['a', 'b', 'c']) cache.setSync(key, key);
    for (let i = 0; i < 5; i++)
      for (const key of ['a', 'b', 'c']) expect(cache.getSync(key)).toBe(key);
    cache.setSync('one-off', 'x');
  }
  expect(['a', 'b', 'c', 'one-off'].map((key) => lfu.getSync(key))).toEqual([
    'a',
    'b',
    'c',
    undefined,
  ]);
  expect(['a', 'b', 'c', 'one-off'].map((key) => lru.getSync(key))).toEqual([
    undefined,
    'b',
    'c',
    'x',
  ]);
});

it('with LFU admission, a key that becomes popular is admitted', async () => {
  await using cache = await createCache({ max: 2, admission: 'lfu' });
  cache.setSync('a', 1);
  cache.setSync('b', 2);
  cache.getSync('a');
  for (let i = 0; i < 10; i++) cache.getSync('popular');
  cache.setSync('popular', 3);
  expect(cache.getSync('popular')).toBe(3);
  expect(cache.stats().entries).toBe(2);
});

it('with adaptive TTL, often-hit keys live longer when rewritten, up to the cap', async () => {
  await using cache = await createCache({
    ttlMs: 100,
    adaptiveTtl: { maxMs: 60_000, hitsPerStep: 1 },
  });
  cache.setSync('hot', 1);
  cache.setSync('cold', 1);
  for (let i = 0; i < 20; i++) cache.getSync('hot');
  cache.setSync('hot', 2);
  cache.setSync('cold', 2);
  await sleep(300);
  expect(cache.getSync('hot')).toBe(2);
  expect(cache.getSync('cold')).toBeUndefined();
});

it('rejects bad admission and adaptive TTL options', async () => {
  await expect(createCache({ admission: 'arc' as never })).rejects.toThrow(/options.admission/);
  await expect(createCache({ adaptiveTtl: { maxMs: -1 } })).rejects.toThrow(
    /options.adaptiveTtl.maxMs/,
  );
});
