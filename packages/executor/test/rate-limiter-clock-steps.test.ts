import { afterEach, expect, it, vi } from 'vitest';
import { createRateLimiter } from '../src/index.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

it('a wall-clock step back by an hour (an NTP correction) does not stretch a 30 ms pause into an hour', async () => {
  const limiter = createRateLimiter({ limits: [{ name: 'rpm', limit: 100 }], jitter: 0 });
  await limiter.pause(30);
  const real = Date.now.bind(Date);
  vi.spyOn(Date, 'now').mockImplementation(() => real() - 3_600_000);
  await expect(limiter.acquire()).resolves.toEqual({ tokens: 0 });
});

it('a wall-clock step forward by an hour does not refill an empty bucket', async () => {
  const limiter = createRateLimiter({ limits: [{ name: 'rph', limit: 1, intervalMs: 3_600_000 }] });
  await limiter.acquire();
  const real = Date.now.bind(Date);
  vi.spyOn(Date, 'now').mockImplementation(() => real() + 3_600_000);
  const controller = new AbortController();
  const second = limiter.acquire({}, { signal: controller.signal });
  setTimeout(() => controller.abort(new Error('still waiting')), 50);
  await expect(second).rejects.toThrow('still waiting');
});
