import { createRateLimiter } from '@hotpath/executor';
import { type RedisServer, startRedisServer } from '@hotpath/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRedisRateLimitStore,
  RateLimitArgumentError,
  RedisStoreError,
} from '../src/index.ts';

const BUCKET = { key: 'b', capacity: 10, intervalMs: 3_600_000 };

describe('Redis rate-limit store', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  }, 30_000);
  afterAll(async () => {
    await redis?.stop();
  });

  it('lets two limiters sharing one Redis take no more than the limit together', async () => {
    await using a = createRedisRateLimitStore({ url: redis.url, prefix: 'shared' });
    await using b = createRedisRateLimitStore({ url: redis.url, prefix: 'shared' });
    // An hour-long interval: nothing refills while the test runs.
    const limits = [{ name: 'rpm', limit: 7, intervalMs: 3_600_000 }];
    const first = createRateLimiter({ store: a, limits });
    const second = createRateLimiter({ store: b, limits });
    let granted = 0;
    const attempt = async (limiter: typeof first, signal: AbortSignal): Promise<void> => {
      await limiter.acquire({}, { signal });
      granted++;
    };
    const controller = new AbortController();
    const calls = Array.from({ length: 20 }, (_, i) =>
      attempt(i % 2 === 0 ? first : second, controller.signal).catch(() => undefined),
    );
    while (granted < 7) await new Promise((resolve) => setTimeout(resolve, 20));
    // Waiting callers retry after their wait, which is longer than this check.
    const again = await a.take(
      [{ key: 'hotpath:rpm', capacity: 7, intervalMs: 3_600_000 }],
      [1],
      Date.now(),
    );
    controller.abort();
    await Promise.all(calls);
    expect(granted).toBe(7);
    expect(again.ok).toBe(false);
  });

  it('takes all amounts or none, atomically over several buckets', async () => {
    await using store = createRedisRateLimitStore({ url: redis.url, prefix: 'atomic' });
    const small = { key: 'small', capacity: 2, intervalMs: 3_600_000 };
    const now = Date.now();
    expect((await store.take([BUCKET, small], [1, 2], now)).ok).toBe(true);
    const refused = await store.take([BUCKET, small], [1, 1], now);
    expect(refused.ok).toBe(false);
    expect(refused.paused).toBe(false);
    expect(await store.peek([BUCKET, small], now)).toEqual([9, 0]);
  });

  it('refunds up to the capacity, and refills by elapsed time', async () => {
    await using store = createRedisRateLimitStore({ url: redis.url, prefix: 'refund' });
    const now = 1_000_000;
    await store.take([BUCKET], [8], now);
    expect(await store.peek([BUCKET], now)).toEqual([2]);
    await store.refund([BUCKET], [5], now);
    expect(await store.peek([BUCKET], now)).toEqual([7]);
    await store.refund([BUCKET], [50], now);
    expect(await store.peek([BUCKET], now)).toEqual([10]);
    await store.take([BUCKET], [10], now);
    // 10 units per hour: 6 minutes later one unit is back.
    expect(await store.peek([BUCKET], now + 360_000)).toEqual([1]);
  });

  it('reconciles a limiter reservation back into Redis', async () => {
    await using store = createRedisRateLimitStore({ url: redis.url, prefix: 'reconcile' });
    const tpm = { key: 'hotpath:tpm', capacity: 1_000, intervalMs: 3_600_000 };
    const limiter = createRateLimiter({
      store,
      limits: [{ name: 'tpm', unit: 'tokens', limit: 1_000, intervalMs: 3_600_000 }],
    });
    const reservation = await limiter.acquire({ tokens: 600 });
    const [afterTake] = await store.peek([tpm], Date.now());
    await limiter.reconcile(reservation, 100);
    const [afterRefund] = await store.peek([tpm], Date.now());
    expect(Math.floor(afterTake!)).toBe(400);
    expect(Math.floor(afterRefund!)).toBe(900);
  });

  it('pauses every taker until the latest deadline', async () => {
    await using store = createRedisRateLimitStore({ url: redis.url, prefix: 'pause' });
    const now = Date.now();
    await store.pause(now + 5_000);
    await store.pause(now + 1_000);
    expect(await store.take([BUCKET], [1], now)).toEqual({
      ok: false,
      waitMs: 5_000,
      paused: true,
    });
    expect((await store.take([BUCKET], [1], now + 5_000)).ok).toBe(true);
  });

  it('follows the remaining count a provider reported', async () => {
    await using store = createRedisRateLimitStore({ url: redis.url, prefix: 'sync' });
    const now = Date.now();
    await store.sync(BUCKET, 3, undefined, now);
    expect(await store.peek([BUCKET], now)).toEqual([3]);
  });

  it('fails fast with a typed error when Redis is down, and recovers when it is back', async () => {
    const own = await startRedisServer();
    await using store = createRedisRateLimitStore({ url: own.url, connectTimeoutMs: 1_000 });
    expect((await store.take([BUCKET], [1], Date.now())).ok).toBe(true);
    await own.stop();
    const failure = await store.take([BUCKET], [1], Date.now()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RedisStoreError);
    expect((failure as RedisStoreError).code).toBe('HOTPATH_RATE_LIMIT_REDIS_UNAVAILABLE');
    await own.start();
    let recovered = false;
    for (let i = 0; i < 100 && !recovered; i++) {
      recovered = await store.take([BUCKET], [1], Date.now()).then(
        (r) => r.ok,
        () => new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 100)),
      );
    }
    expect(recovered).toBe(true);
    await own.stop();
  }, 30_000);

  it('fails a first connection to a stopped Redis at once', async () => {
    const own = await startRedisServer();
    await own.stop();
    await using store = createRedisRateLimitStore({ url: own.url, connectTimeoutMs: 1_000 });
    await expect(store.take([BUCKET], [1], Date.now())).rejects.toMatchObject({
      code: 'HOTPATH_RATE_LIMIT_REDIS_UNAVAILABLE',
    });
    await expect(store.pause(Date.now())).rejects.toBeInstanceOf(RedisStoreError);
  }, 30_000);

  it('rejects a missing or malformed url with a TypeError naming it', () => {
    expect(() => createRedisRateLimitStore({ url: 'http://x' })).toThrow(RateLimitArgumentError);
    expect(() => createRedisRateLimitStore({ url: 'http://x' })).toThrow(/options\.url/);
  });
});
