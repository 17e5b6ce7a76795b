import vm from 'node:vm';
import { propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSeededRandom,
  describeValue,
  HotpathArgumentError,
  HotpathError,
  isHotpathError,
  ProtocolArgumentError,
} from '../src/index.ts';

describe('error brands across copies and realms', () => {
  it('recognises an error of a second, separately loaded copy of the module', async () => {
    // A query string makes the loader evaluate errors.ts again: a duplicated install in miniature.
    // @ts-expect-error: TypeScript resolves no query string; the copy has errors.ts's own types.
    const copy = (await import('../src/errors.ts?copy')) as typeof import('../src/errors.ts');
    expect(copy.HotpathError).not.toBe(HotpathError);
    class CopyError extends copy.HotpathArgumentError {
      constructor() {
        super('HOTPATH_COPY_INVALID_ARGUMENT', 'from the other copy');
      }
    }
    const error = new CopyError();
    expect(isHotpathError(error, 'HOTPATH_COPY_INVALID_ARGUMENT')).toBe(true);
    expect(error instanceof HotpathError).toBe(true);
    expect(error instanceof HotpathArgumentError).toBe(false);
    expect(copy.isHotpathError(new ProtocolArgumentError('x'))).toBe(true);
  });

  it('recognises a branded error made in another realm', () => {
    const error: unknown = vm.runInNewContext(`
      class RealmError extends Error {}
      Object.defineProperty(RealmError.prototype, Symbol.for('@hotpath/protocol:error'), { value: true });
      Object.assign(new RealmError('from a vm context'), { code: 'HOTPATH_REALM_X' });
    `);
    expect(error instanceof Error).toBe(false);
    expect(isHotpathError(error, 'HOTPATH_REALM_X')).toBe(true);
  });

  it('never throws, even for a revoked proxy or a proxy whose traps throw', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
      },
    );
    for (const value of [proxy, hostile]) {
      expect(isHotpathError(value)).toBe(false);
      expect(value instanceof HotpathError).toBe(false);
    }
  });
});

describe('describeValue of signed zero', () => {
  it('names -0 as -0, so "must be > 0, got -0" does not read "got 0"', () => {
    expect(describeValue(-0)).toBe('-0');
    expect(describeValue(0)).toBe('0');
  });
});

describe('createSeededRandom seeds', () => {
  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['a fraction', 1.5],
    ['a string', '42'],
  ])('rejects %s with its typed error instead of running seed 0 (or another seed)', (_, seed) => {
    expect(() => createSeededRandom(seed as number)).toThrow(ProtocolArgumentError);
  });

  it('reads a negative seed as its two-complement low 32 bits, and 0 as a seed like any other', () => {
    const take = (random: () => number) => [random(), random(), random()];
    expect(take(createSeededRandom(-1))).toEqual(take(createSeededRandom(2 ** 32 - 1)));
    expect(take(createSeededRandom(0))).not.toEqual(take(createSeededRandom(1)));
  });

  it.each(propertySeeds('seeded-random seeds'))(
    'any integer seed gives values in [0, 1), the same for the same low 32 bits (seed %i)',
    (seed) => {
      fc.assert(
        fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.maxSafeNat()), (s) => {
          const a = createSeededRandom(s);
          const b = createSeededRandom(s >>> 0);
          for (let i = 0; i < 8; i++) {
            const value = a();
            expect(value).toBe(b());
            expect(value >= 0 && value < 1).toBe(true);
          }
        }),
        { seed, numRuns: 200 },
      );
    },
  );
});
