import { propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
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

  it('reads a fetch Headers as well as a plain object, and never returns a negative wait', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    const headers = new Headers({
      'anthropic-ratelimit-tokens-limit': '80000',
      'anthropic-ratelimit-tokens-remaining': '0',
      'anthropic-ratelimit-tokens-reset': '2026-01-01T00:00:30Z',
      'anthropic-ratelimit-requests-reset': '2025-12-31T23:59:00Z',
      'retry-after': '-3',
    });
    expect(parseRateLimitHeaders(headers, now)).toEqual({
      limitTokens: 80_000,
      remainingTokens: 0,
      resetTokensMs: 30_000,
      resetRequestsMs: 0,
      retryAfterMs: 0,
    });
    expect(parseRateLimitHeaders({ 'x-ratelimit-limit-requests': ['10', '20'] })).toEqual({
      limitRequests: 10,
    });
  });

  it('parses OpenAI durations', () => {
    expect(parseDuration('1s')).toBe(1000);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('2m30s')).toBe(150_000);
    expect(parseDuration('1h2m3s')).toBe(3_723_000);
    expect(parseDuration('17ms')).toBe(17);
    expect(parseDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseDuration('250us')).toBe(0.25);
    expect(parseDuration('250µs')).toBe(0.25);
    expect(parseDuration('500ns')).toBe(0.0005);
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

  it('any header values give either no info or finite non-negative numbers, and never throw', () => {
    const names = [
      'x-ratelimit-limit-requests',
      'x-ratelimit-remaining-tokens',
      'x-ratelimit-reset-requests',
      'anthropic-ratelimit-requests-reset',
      'anthropic-ratelimit-tokens-remaining',
      'retry-after',
      'retry-after-ms',
    ];
    const value = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom('1', '0', '.', 'h', 'm', 's', 'u', 'µ', 'n', '-', ' ') }),
      fc.double().map(String),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    );
    const property = fc.property(fc.dictionary(fc.constantFrom(...names), value), (headers) => {
      const info = parseRateLimitHeaders(headers, 0);
      if (info === undefined) return;
      for (const [key, number] of Object.entries(info)) {
        expect(Number.isFinite(number), key).toBe(true);
        if (key.startsWith('reset') || key === 'retryAfterMs')
          expect(number).toBeGreaterThanOrEqual(0);
      }
    });
    for (const seed of propertySeeds('rate-limit-headers'))
      fc.assert(property, { seed, numRuns: 500 });
  });
});
