import { describe, expect, it } from 'vitest';
import { parseDuration, parseRateLimitHeaders } from '../src/index.ts';

describe('parseRateLimitHeaders', () => {
  it('reads OpenAI headers with duration resets', () => {
    const info = parseRateLimitHeaders({
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '499',
      'x-ratelimit-reset-requests': '120ms',
      'x-ratelimit-limit-tokens': '30000',
      'x-ratelimit-remaining-tokens': '29000',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(info).toEqual({
      limitRequests: 500,
      remainingRequests: 499,
      resetRequestsMs: 120,
      limitTokens: 30000,
      remainingTokens: 29000,
      resetTokensMs: 360_000,
    });
  });

  it('reads Anthropic headers with RFC 3339 resets relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const info = parseRateLimitHeaders(
      {
        'anthropic-ratelimit-requests-limit': '50',
        'anthropic-ratelimit-requests-remaining': '0',
        'anthropic-ratelimit-requests-reset': '2026-01-01T00:00:02Z',
        'anthropic-ratelimit-tokens-remaining': '1000',
        'retry-after': '3',
      },
      now,
    );
    expect(info).toEqual({
      limitRequests: 50,
      remainingRequests: 0,
      resetRequestsMs: 2000,
      remainingTokens: 1000,
      retryAfterMs: 3000,
    });
  });

  it('prefers retry-after-ms, accepts an HTTP date, and ignores garbage', () => {
    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
    expect(
      parseRateLimitHeaders({ 'retry-after-ms': '250', 'retry-after': '9' }, now)?.retryAfterMs,
    ).toBe(250);
    expect(
      parseRateLimitHeaders({ 'retry-after': 'Wed, 21 Oct 2026 07:28:05 GMT' }, now)?.retryAfterMs,
    ).toBe(5000);
    expect(parseRateLimitHeaders({ 'x-ratelimit-remaining-requests': 'lots' })).toBeUndefined();
    expect(parseRateLimitHeaders({})).toBeUndefined();
  });

  it('parses OpenAI durations', () => {
    expect(parseDuration('1s')).toBe(1000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('2m30s')).toBe(150_000);
    expect(parseDuration('1h2m3s')).toBe(3_723_000);
    expect(parseDuration('17ms')).toBe(17);
    expect(parseDuration('4')).toBe(4000);
    expect(parseDuration('soon')).toBeUndefined();
  });

  it('rejects durations with anything but number-unit pairs', () => {
    expect(parseDuration(' 1m30s ')).toBe(90_000);
    expect(parseDuration('1m1ms')).toBe(60_001);
    for (const bad of ['', '1s 2s', '1s2', '1.s', '.5s', '1mss', 's', '1d', '-1s']) {
      expect(parseDuration(bad)).toBeUndefined();
    }
  });
});
