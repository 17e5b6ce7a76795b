import { describe, expect, it } from 'vitest';
import { openAiDuration, RateLimiter } from '../src/internal/rate-limiter.ts';

describe('RateLimiter (fixed window)', () => {
  it('counts requests and tokens down, refuses what does not fit, and resets with the window', () => {
    const limiter = new RateLimiter({ requests: 3, tokens: 100, windowMs: 1000 });
    expect(limiter.take(40, 0)).toMatchObject({
      allowed: true,
      remainingRequests: 2,
      remainingTokens: 60,
      resetMs: 1000,
    });
    expect(limiter.take(70, 10)).toMatchObject({
      allowed: false,
      remainingRequests: 2,
      remainingTokens: 60,
      resetMs: 990,
    });
    expect(limiter.take(60, 20)).toMatchObject({
      allowed: true,
      remainingRequests: 1,
      remainingTokens: 0,
    });
    expect(limiter.take(0, 30)).toMatchObject({ allowed: true, remainingRequests: 0 });
    expect(limiter.take(0, 40)).toMatchObject({ allowed: false, remainingRequests: 0 });
    expect(limiter.take(10, 1000)).toMatchObject({
      allowed: true,
      remainingRequests: 2,
      remainingTokens: 90,
      resetMs: 1000,
    });
  });

  it('formats reset durations the way OpenAI does', () => {
    expect(openAiDuration(20)).toBe('20ms');
    expect(openAiDuration(999.2)).toBe('1s');
    expect(openAiDuration(1000)).toBe('1s');
    expect(openAiDuration(59_001)).toBe('1m0s');
    expect(openAiDuration(360_000)).toBe('6m0s');
  });
});
