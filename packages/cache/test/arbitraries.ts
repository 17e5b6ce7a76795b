// fast-check generators shared by the L2 property tests: strings that are not well-formed UTF-16,
// every Unicode plane, NUL, U+FFFD, U+FFFF (the stored-key escape mark), huge and tiny sizes,
// deep nesting, and the binary and typed values the cache keeps.
import fc from 'fast-check';
import { expect } from 'vitest';

const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));

/** One string unit: any code point, a lone surrogate, or a character that has bitten before. */
export const unit: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\uFFFD', '\uFFFF', ':', ';', 'é', '😀') },
);

/** Strings from empty to about 100 k code units, mostly short. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit, maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ unit, minLength: 1, maxLength: 8 }), fc.integer({ min: 500, max: 12_000 }))
      .map(([piece, times]) => piece.repeat(times)),
  },
);

const bytes = fc.uint8Array({ maxLength: 300 });

/** Binary values of every class the cache keeps, tiny to 64 KB. */
export const binary: fc.Arbitrary<unknown> = fc.oneof(
  bytes,
  bytes.map((b) => Buffer.from(b)),
  fc.integer({ min: 1, max: 65_536 }).map((n) => Buffer.alloc(n, n % 251)),
  fc.float32Array({ maxLength: 20 }),
  fc.bigInt64Array({ maxLength: 5 }),
);

function nest(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { d: value };
  return value;
}

/** Any value the cache accepts at the top level (not `undefined`). */
export const anyValue: fc.Arbitrary<unknown> = fc
  .oneof(
    anyString,
    binary,
    fc.anything({
      stringUnit: unit,
      key: anyString,
      maxDepth: 4,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withSparseArray: true,
      withTypedArray: true,
    }),
    fc
      .tuple(fc.integer({ min: 1, max: 1000 }), anyString)
      .map(([depth, leaf]) => nest(depth, leaf)),
  )
  .filter((value) => value !== undefined);

/** Asserts deep equality plus the same prototype at every object, so a Buffer ≠ a Uint8Array. */
export function expectExactly(actual: unknown, expected: unknown): void {
  expect(actual).toStrictEqual(expected);
  samePrototypes(actual, expected);
}

function samePrototypes(a: unknown, b: unknown): void {
  if (typeof b !== 'object' || b === null) return;
  expect(Object.getPrototypeOf(a)).toBe(Object.getPrototypeOf(b));
  if (ArrayBuffer.isView(b)) return;
  if (b instanceof Map) {
    const left = [...(a as Map<unknown, unknown>)];
    [...b].forEach(([k, v], i) => {
      samePrototypes(left[i]![0], k);
      samePrototypes(left[i]![1], v);
    });
    return;
  }
  if (b instanceof Set) {
    const left = [...(a as Set<unknown>)];
    [...b].forEach((v, i) => {
      samePrototypes(left[i], v);
    });
    return;
  }
  for (const key of Object.keys(b)) {
    samePrototypes((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
  }
}
