import { propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapHttpError } from '../src/index.ts';

const KEY = 'sk-live-0123456789abcdefghijklmnop';

describe('mapHttpError redaction', () => {
  it('leaves no part of a key that the 500-character message cut would split', () => {
    for (let at = 480; at < 500; at++) {
      const text = `${'x'.repeat(at)} ${KEY} trailing`;
      const error = mapHttpError('p', 400, {}, text, [KEY]);
      expect(error.upstreamMessage).not.toContain(KEY.slice(0, 6));
    }
  });

  it.each(propertySeeds('error redaction cut'))(
    'no upstream message ever holds 6 or more leading characters of the key (seed %i)',
    (seed) => {
      const body = fc
        .tuple(
          fc.oneof(fc.string({ maxLength: 700 }), fc.string({ minLength: 480, maxLength: 499 })),
          fc.string({ maxLength: 50 }),
          fc.boolean(),
        )
        .map(([before, after, json]) =>
          json
            ? JSON.stringify({ error: { message: `${before}${KEY}${after}` } })
            : `${before}${KEY}${after}`,
        );
      fc.assert(
        fc.property(body, fc.constantFrom(400, 401, 429, 500), (text, status) => {
          const message = mapHttpError('p', status, {}, text, [KEY]).upstreamMessage ?? '';
          expect(message).not.toContain(KEY.slice(0, 6));
        }),
        { seed, numRuns: 300 },
      );
    },
  );
});
