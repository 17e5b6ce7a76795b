import { createHash } from 'node:crypto';
import { anyString, nearStrings, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenWorkers, hash } from '../src/index.ts';

const seeds = propertySeeds('tokens hash-injective');
const algorithms = ['sha256', 'xxhash64', 'xxhash128'] as const;
// hashInlineThreshold 0: every call goes to the worker thread.
const workers = createTokenWorkers({ encoding: 'o200k_base', threads: 1, hashInlineThreshold: 0 });
afterAll(() => workers.close());

describe('hash of strings', () => {
  it('a lone surrogate and U+FFFD (what UTF-8 turns it into) hash differently', async () => {
    for (const algorithm of algorithms) {
      expect(await hash('a\ud800', algorithm)).not.toBe(await hash('a\ufffd', algorithm));
      expect(await workers.hash('\udc00', { algorithm })).not.toBe(
        await workers.hash('\ufffd', { algorithm }),
      );
    }
  });

  it.each(seeds)(
    'two strings that differ in one code unit never share a digest, inline or on a thread (seed %i)',
    async (seed) => {
      await fc.assert(
        fc.asyncProperty(
          nearStrings.filter(([a, b]) => a !== b),
          fc.constantFrom(...algorithms),
          async ([a, b], algorithm) => {
            const inline = await hash(a, algorithm);
            expect(inline).not.toBe(await hash(b, algorithm));
            expect(await workers.hash(a, { algorithm })).toBe(inline);
          },
        ),
        { seed, numRuns: 150 },
      );
    },
  );

  it.each(seeds)(
    'a well-formed string still hashes as its UTF-8 bytes, as node:crypto does (seed %i)',
    async (seed) => {
      await fc.assert(
        fc.asyncProperty(
          anyString.filter((s) => s.isWellFormed()),
          async (text) => {
            const expected = createHash('sha256').update(text, 'utf8').digest('hex');
            expect(await hash(text)).toBe(expected);
            expect(await hash(new TextEncoder().encode(text), 'xxhash64')).toBe(
              await hash(text, 'xxhash64'),
            );
          },
        ),
        { seed, numRuns: 150 },
      );
    },
  );
});
