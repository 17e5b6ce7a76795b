import { describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  createRateLimiter,
  RateLimitCapacityError,
  ReservationSettledError,
} from '../src/index.ts';

describe('createRateLimiter', () => {
  it('lets requests through while every limit allows, then makes the next one wait', async () => {
    const limiter = createRateLimiter({
      limits: [
        { name: 'rps', unit: 'requests', limit: 2, intervalMs: 100 },
        { name: 'tps', unit: 'tokens', limit: 1000, intervalMs: 100 },
      ],
    });
    const order: string[] = [];
    const calls = ['a', 'b', 'c'].map((id) =>
      limiter.acquire({ tokens: 100 }).then(() => order.push(id)),
    );
    await Promise.all(calls.slice(0, 2));
    expect(order).toEqual(['a', 'b']);
    await calls[2];
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('reconcile refunds an over-estimate, so a waiting request is let through', async () => {
    const store = createMemoryStore();
    const limiter = createRateLimiter({
      limits: [{ name: 'tpm', unit: 'tokens', limit: 1000 }],
      store,
    });
    const reservation = await limiter.acquire({ tokens: 1000 });
    expect(
      store.take([{ key: 'hotpath:tpm', capacity: 1000, intervalMs: 60_000 }], [500], Date.now())
        .ok,
    ).toBe(false);
    await limiter.reconcile(reservation, 200);
    const next = await limiter.acquire({ tokens: 700 });
    expect(next.tokens).toBe(700);
    await expect(limiter.reconcile(reservation, 200)).rejects.toBeInstanceOf(
      ReservationSettledError,
    );
  });

  it('reconcile charges an under-estimate', async () => {
    const store = createMemoryStore();
    const limiter = createRateLimiter({
      limits: [{ name: 'tpm', unit: 'tokens', limit: 1000 }],
      store,
    });
    await limiter.reconcile(await limiter.acquire({ tokens: 100 }), 900);
    const bucket = { key: 'hotpath:tpm', capacity: 1000, intervalMs: 60_000 };
    expect(store.take([bucket], [200], Date.now()).ok).toBe(false);
  });

  it('refuses a request larger than a bucket, and honours the signal while waiting', async () => {
    const limiter = createRateLimiter({
      limits: [
        { name: 'rpm', limit: 1 },
        { name: 'tpm', unit: 'tokens', limit: 50 },
      ],
    });
    await expect(limiter.acquire({ tokens: 51 })).rejects.toBeInstanceOf(RateLimitCapacityError);
    await limiter.acquire({ tokens: 1 });
    const controller = new AbortController();
    const waiting = limiter.acquire({ tokens: 1 }, { signal: controller.signal });
    controller.abort(new Error('gave up'));
    await expect(waiting).rejects.toThrow('gave up');
  });

  it('pause() holds every caller until the pause is over', async () => {
    const limiter = createRateLimiter({ limits: [{ name: 'rpm', limit: 100 }], jitter: 0 });
    await limiter.pause(30);
    const order: string[] = [];
    const waiting = limiter.acquire().then(() => order.push('acquired'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    order.push('still paused');
    await waiting;
    expect(order).toEqual(['still paused', 'acquired']);
  });

  it('follows what the provider reported: resize, remaining, and retry-after', async () => {
    const store = createMemoryStore();
    const limiter = createRateLimiter({
      limits: [
        { name: 'rpm', unit: 'requests', limit: 10 },
        { name: 'tpm', unit: 'tokens', limit: 1000 },
        { name: 'daily', unit: 'requests', limit: 100, intervalMs: 86_400_000, fromHeaders: false },
      ],
      store,
    });
    await limiter.update({
      limitRequests: 500,
      remainingRequests: 2,
      resetRequestsMs: 240,
      limitTokens: 2000,
      remainingTokens: 1500,
      resetTokensMs: 360_000,
    });
    const now = Date.now();
    const rpm = { key: 'hotpath:rpm', capacity: 500, intervalMs: 60_000 };
    expect(store.take([rpm], [2], now).ok).toBe(true);
    expect(store.take([rpm], [1], now).ok).toBe(false);
    const daily = { key: 'hotpath:daily', capacity: 100, intervalMs: 86_400_000 };
    expect(store.take([daily], [90], now).ok).toBe(true);
  });
});

describe('provider reports', () => {
  it('a 429 with retry-after pauses every caller', async () => {
    const limiter = createRateLimiter({ limits: [{ name: 'rpm', limit: 100 }], jitter: 0 });
    await limiter.update({ retryAfterMs: 30 });
    const order: string[] = [];
    const waiting = limiter.acquire().then(() => order.push('acquired'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    order.push('paused');
    await waiting;
    expect(order).toEqual(['paused', 'acquired']);
  });
});
