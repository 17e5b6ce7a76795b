import { describe, expect, it } from 'vitest';
import {
  type BucketConfig,
  createMemoryStore,
  createRateLimiter,
  InvalidArgumentError,
  RateLimitCapacityError,
  type RateLimitStore,
} from '../src/index.ts';

/** A memory store that counts `take` calls, so a test can tell waiting from spinning. */
function countingStore(): { store: RateLimitStore; takes: () => number } {
  const inner = createMemoryStore();
  let takes = 0;
  const store: RateLimitStore = {
    take: (buckets: readonly BucketConfig[], amounts: readonly number[], now: number) => {
      takes++;
      return inner.take(buckets, amounts, now);
    },
    refund: (buckets, amounts, now) => inner.refund(buckets, amounts, now),
    sync: (bucket, remaining, resetMs, now) => inner.sync(bucket, remaining, resetMs, now),
    pause: (until) => inner.pause(until),
  };
  return { store, takes: () => takes };
}

describe('createRateLimiter with hostile limits', () => {
  it('a waiting acquire that no longer fits after update() shrinks the bucket rejects with RateLimitCapacityError', async () => {
    const limiter = createRateLimiter({
      limits: [{ name: 'tpm', unit: 'tokens', limit: 100, intervalMs: 50 }],
    });
    await limiter.acquire({ tokens: 100 });
    const waiting = limiter.acquire({ tokens: 90 });
    await limiter.update({ limitTokens: 50 });
    await expect(waiting).rejects.toBeInstanceOf(RateLimitCapacityError);
  });

  it('a wait longer than the 24.8-day timer maximum sleeps instead of polling the store every millisecond', async () => {
    const { store, takes } = countingStore();
    // One request per 35 days: the second request must wait about 35 days.
    const limiter = createRateLimiter({
      limits: [{ name: 'monthly', limit: 1, intervalMs: 35 * 86_400_000 }],
      store,
    });
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire({}, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    // One take for the first acquire, one for the second; a 1 ms poll loop makes hundreds.
    expect(takes()).toBeLessThanOrEqual(3);
  });

  it('pause() longer than the timer maximum holds callers instead of polling', async () => {
    const { store, takes } = countingStore();
    const limiter = createRateLimiter({ limits: [{ name: 'rpm', limit: 10 }], store, jitter: 0 });
    await limiter.pause(30 * 86_400_000);
    const controller = new AbortController();
    const waiting = limiter.acquire({}, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
    expect(takes()).toBeLessThanOrEqual(2);
  });

  it.each([
    ['remainingRequests', Number.NaN],
    ['limitTokens', Number.NaN],
    ['remainingTokens', Number.POSITIVE_INFINITY],
    ['retryAfterMs', Number.NaN],
    ['resetRequestsMs', '5'],
  ])(
    'update({ %s: %s }) throws InvalidArgumentError and leaves the limits in force',
    async (field, value) => {
      const limiter = createRateLimiter({ limits: [{ name: 'rpm', limit: 1 }] });
      await expect(limiter.update({ [field]: value } as never)).rejects.toBeInstanceOf(
        InvalidArgumentError,
      );
      await limiter.acquire();
      const controller = new AbortController();
      const second = limiter.acquire({}, { signal: controller.signal });
      controller.abort(new Error('still limited'));
      await expect(second).rejects.toThrow('still limited');
    },
  );
});
