import { anyString, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argumentMessage, describeValue } from '../src/index.ts';

describe('describeValue', () => {
  it.each([
    ['ten', '"ten"'],
    [0, '0'],
    [-0.5, '-0.5'],
    [Number.NaN, 'NaN'],
    [true, 'true'],
    [null, 'null'],
    [undefined, 'undefined'],
    [10n, '10n'],
    [Symbol('s'), 'a symbol'],
    [() => 1, 'a function'],
    [[1, 2, 3], 'an array (3 items)'],
    [{}, 'an object (Object)'],
    [Promise.resolve(), 'an object (Promise)'],
    [Object.create(null), 'an object (null prototype)'],
    ['x'.repeat(100), `"${'x'.repeat(60)}…"`],
  ])('names %o as %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it('names objects whose conversion, getters or traps throw without calling them', () => {
    const hostile = {
      toString: () => {
        throw new Error('called');
      },
      [Symbol.toPrimitive]: () => {
        throw new Error('called');
      },
    };
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const trap = new Proxy(
      {},
      {
        getPrototypeOf: () => {
          throw new Error('trap');
        },
      },
    );
    // A class whose `name` is a static getter that throws.
    class Named {
      value = 1;
      static get name(): string {
        throw new Error('getter');
      }
    }
    expect(describeValue(hostile)).toBe('an object (Object)');
    expect(describeValue(proxy)).toBe('an object');
    expect(describeValue(trap)).toBe('an object');
    expect(describeValue(new Named())).toBe('an object');
  });

  it.each(propertySeeds('describeValue'))(
    'never throws and stays short for any value, including ill-formed strings (seed %i)',
    (seed) => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.anything({
              withNullPrototype: true,
              withBigInt: true,
              withMap: true,
              withSet: true,
              withTypedArray: true,
              withSparseArray: true,
            }),
            anyString,
          ),
          (value) => {
            const text = describeValue(value);
            expect(text.length).toBeLessThanOrEqual(62 * 6 + 2);
          },
        ),
        { seed, numRuns: 2000 },
      );
    },
  );
});

it('argumentMessage gives the one shape of an argument error', () => {
  expect(argumentMessage('options.max', 'an integer ≥ 1', Object.create(null))).toBe(
    'options.max must be an integer ≥ 1, got an object (null prototype).',
  );
});
