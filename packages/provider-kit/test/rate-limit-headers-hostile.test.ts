import { propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ProviderArgumentError,
  parseRateLimitHeaders,
  rateLimitRetryPolicy,
} from '../src/index.ts';

const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('parseRateLimitHeaders with hostile values', () => {
  it.each([['-5'], ['0x10'], ['0b11'], ['1e3'], ['Infinity'], [' ']])(
    'a count of %j is no count',
    (value) => {
      expect(
        parseRateLimitHeaders({ 'x-ratelimit-remaining-requests': value }, NOW),
      ).toBeUndefined();
      expect(
        parseRateLimitHeaders({ 'anthropic-ratelimit-tokens-limit': value }, NOW),
      ).toBeUndefined();
    },
  );

  it('reads the first of a repeated header that a fetch Headers joined with a comma', () => {
    const headers = new Headers();
    headers.append('x-ratelimit-remaining-requests', '10');
    headers.append('x-ratelimit-remaining-requests', '20');
    headers.append('retry-after', '5');
    headers.append('retry-after', '7');
    expect(parseRateLimitHeaders(headers, NOW)).toEqual({
      remainingRequests: 10,
      retryAfterMs: 5000,
    });
  });

  it.each([
    ['IMF-fixdate', 'Thu, 01 Jan 2026 00:00:05 GMT'],
    ['RFC 850', 'Thursday, 01-Jan-26 00:00:05 GMT'],
    ['asctime, which is GMT whatever the local time zone', 'Thu Jan  1 00:00:05 2026'],
    [
      'an IMF-fixdate followed by a repeat',
      'Thu, 01 Jan 2026 00:00:05 GMT, Fri, 02 Jan 2026 00:00:00 GMT',
    ],
  ])('reads a retry-after HTTP-date in %s form', (_, value) => {
    expect(parseRateLimitHeaders({ 'retry-after': value }, NOW)?.retryAfterMs).toBe(5000);
  });

  it.each([['soon'], ['Jan 1'], ['5 7'], ['Thu, 01 Jan 2026']])(
    'ignores a retry-after of %j that only a lenient date parser reads as a date',
    (value) => {
      expect(parseRateLimitHeaders({ 'retry-after': value }, NOW)).toBeUndefined();
    },
  );

  it.each([['1'], ['2026'], ['Jan 1'], ['Thu, 01 Jan 2026 00:00:05 GMT']])(
    'ignores an Anthropic reset of %j, which is no RFC 3339 date-time',
    (value) => {
      expect(
        parseRateLimitHeaders({ 'anthropic-ratelimit-requests-reset': value }, NOW),
      ).toBeUndefined();
    },
  );

  it.each(propertySeeds('rate-limit-headers-hostile'))(
    'counts read from any header value are finite and never negative (seed %i)',
    (seed) => {
      const value = fc.oneof(
        fc.string({ unit: 'binary' }),
        fc.double().map(String),
        fc.integer().map((n) => `0x${Math.abs(n).toString(16)}`),
        fc.tuple(fc.double(), fc.double()).map(([a, b]) => `${a}, ${b}`),
      );
      const names = fc.constantFrom(
        'x-ratelimit-limit-requests',
        'x-ratelimit-remaining-requests',
        'anthropic-ratelimit-tokens-limit',
        'anthropic-ratelimit-tokens-remaining',
      );
      fc.assert(
        fc.property(fc.dictionary(names, value), (headers) => {
          for (const number of Object.values(parseRateLimitHeaders(headers, NOW) ?? {})) {
            expect(Number.isFinite(number) && number >= 0).toBe(true);
          }
        }),
        { seed, numRuns: 300 },
      );
    },
  );
});

describe('rateLimitRetryPolicy waits', () => {
  it.each([
    ['maxWaitMs', Number.POSITIVE_INFINITY],
    ['maxWaitMs', 2 ** 31],
    ['fallbackWaitMs', Number.POSITIVE_INFINITY],
    ['fallbackWaitMs', 2 ** 40],
  ])('rejects %s %d, which a Node timer would run after 1 ms', (name, value) => {
    expect(() => rateLimitRetryPolicy({ [name]: value })).toThrow(ProviderArgumentError);
  });

  it('accepts the longest timer Node runs', () => {
    expect(rateLimitRetryPolicy({ maxWaitMs: 2 ** 31 - 1 }).maxWaitMs).toBe(2 ** 31 - 1);
  });
});

describe('parseRateLimitHeaders arguments', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'retry-after: 5'],
  ])('rejects %s as headers with its typed error', (_, headers) => {
    expect(() => parseRateLimitHeaders(headers as never, NOW)).toThrow(ProviderArgumentError);
  });
});
