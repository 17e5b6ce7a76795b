import { setTimeout as sleep } from 'node:timers/promises';
import { createCache } from '@hotpath/cache';
import { afterEach, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.restoreAllMocks();
});

it('after an L2 failure, a wall-clock step back by an hour does not keep L2 skipped for that hour', async () => {
  let gets = 0;
  let failing = true;
  const data = new Map<string, unknown>();
  // A keyv-like store that fails its first read, like a Redis blip.
  const store = {
    get: async (key: string) => {
      gets++;
      if (failing) throw new Error('blip');
      return data.get(key);
    },
    set: async (key: string, value: unknown) => {
      data.set(key, value);
    },
    delete: async (key: string) => data.delete(key),
    clear: async () => data.clear(),
  };
  await using cache = await createCache({
    l2: { store, retryAfterMs: 10, maxRetryAfterMs: 10 },
  });
  expect(await cache.get('k')).toBeUndefined();
  expect(cache.stats().l2.errors).toBe(1);
  failing = false;
  const real = Date.now.bind(Date);
  vi.spyOn(Date, 'now').mockImplementation(() => real() - 3_600_000);
  await sleep(30);
  const before = gets;
  await cache.get('k');
  expect(gets).toBe(before + 1);
});
