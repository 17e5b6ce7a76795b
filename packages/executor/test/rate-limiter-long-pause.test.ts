import { describe, expect, it } from 'vitest';
import { createMemoryStore, createRateLimiter, type RateLimitStore } from '../src/index.ts';

describe('createRateLimiter with a pause past the longest Node timer', () => {
  it('waits without waking every millisecond, and still ends on abort', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const store = createMemoryStore();
    let takes = 0;
    const counting: RateLimitStore = {
      take: (...args) => {
        takes++;
        return store.take(...args);
      },
      refund: (...args) => store.refund(...args),
      sync: (...args) => store.sync(...args),
      pause: (until) => store.pause(until),
    };
    const limiter = createRateLimiter({
      limits: [{ name: 'rpm', unit: 'requests', limit: 10 }],
      store: counting,
      jitter: 0,
    });
    try {
      // What a hostile `retry-after: 1e300` parses to.
      await limiter.update({ retryAfterMs: 1e303 });
      const controller = new AbortController();
      const waiting = limiter.acquire({}, { signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 50));
      controller.abort(new Error('gave up'));
      await expect(waiting).rejects.toThrow('gave up');
      expect(takes).toBe(1);
      expect(warnings.filter((w) => w.name === 'TimeoutOverflowWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
