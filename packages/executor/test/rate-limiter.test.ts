import { describe, expect, it } from 'vitest';
import {
  createMemoryStore,
  createRateLimiter,
  parseDuration,
  parseRateLimitHeaders,
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

  it('updates itself from OpenAI headers: resize, remaining, and retry-after', async () => {
    const store = createMemoryStore();
    const limiter = createRateLimiter({
      limits: [
        { name: 'rpm', unit: 'requests', limit: 10 },
        { name: 'tpm', unit: 'tokens', limit: 1000 },
        { name: 'daily', unit: 'requests', limit: 100, intervalMs: 86_400_000, fromHeaders: false },
      ],
      store,
    });
    const parsed = await limiter.updateFromHeaders(
      new Headers({
        'x-ratelimit-limit-requests': '500',
        'x-ratelimit-remaining-requests': '2',
        'x-ratelimit-reset-requests': '240ms',
        'x-ratelimit-limit-tokens': '2000',
        'x-ratelimit-remaining-tokens': '1500',
        'x-ratelimit-reset-tokens': '6m0s',
      }),
    );
    expect(parsed).toEqual({
      requests: { limit: 500, remaining: 2, resetMs: 240 },
      tokens: { limit: 2000, remaining: 1500, resetMs: 360_000 },
    });
    const now = Date.now();
    const rpm = { key: 'hotpath:rpm', capacity: 500, intervalMs: 60_000 };
    expect(store.take([rpm], [2], now).ok).toBe(true);
    expect(store.take([rpm], [1], now).ok).toBe(false);
    const daily = { key: 'hotpath:daily', capacity: 100, intervalMs: 86_400_000 };
    expect(store.take([daily], [90], now).ok).toBe(true);
  });
});

describe('rate-limit headers', () => {
  it('parses Go-style durations', () => {
    expect(parseDuration('6m0s')).toBe(360_000);
    expect(parseDuration('1s')).toBe(1000);
    expect(parseDuration('20ms')).toBe(20);
    expect(parseDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });

  it('reads Anthropic headers with RFC 3339 resets from a plain object', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const parsed = parseRateLimitHeaders(
      {
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '49',
        'anthropic-ratelimit-requests-reset': '2026-01-01T00:00:01Z',
        'anthropic-ratelimit-tokens-limit': '80000',
        'anthropic-ratelimit-tokens-remaining': '0',
        'anthropic-ratelimit-tokens-reset': '2026-01-01T00:00:30Z',
        'retry-after': '30',
      },
      now,
    );
    expect(parsed).toEqual({
      requests: { limit: 50, remaining: 49, resetMs: 1000 },
      tokens: { limit: 80_000, remaining: 0, resetMs: 30_000 },
      retryAfterMs: 30_000,
    });
  });

  it('prefers retry-after-ms and understands an HTTP-date retry-after', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    expect(parseRateLimitHeaders({ 'retry-after-ms': '1500', 'retry-after': '9' }, now)).toEqual({
      retryAfterMs: 1500,
    });
    expect(parseRateLimitHeaders({ 'retry-after': 'Wed, 21 Oct 2026 07:28:05 GMT' }, now)).toEqual({
      retryAfterMs: 5000,
    });
    expect(parseRateLimitHeaders({}, now)).toEqual({});
  });

  it('a 429 with retry-after pauses every caller', async () => {
    const limiter = createRateLimiter({ limits: [{ name: 'rpm', limit: 100 }], jitter: 0 });
    await limiter.updateFromHeaders({ 'retry-after-ms': '30' });
    const order: string[] = [];
    const waiting = limiter.acquire().then(() => order.push('acquired'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    order.push('paused');
    await waiting;
    expect(order).toEqual(['paused', 'acquired']);
  });
});
