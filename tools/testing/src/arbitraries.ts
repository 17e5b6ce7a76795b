import fc from 'fast-check';

/** UTF-16 code units that break naive text handling: NUL, the Latin-1 edge, lone surrogates, U+FFFD, BOM. */
export const HARD_CODE_UNITS: readonly number[] = [
  0x0000, 0x0001, 0x007f, 0x0080, 0x00ff, 0x0100, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfffd, 0xfeff,
  0xffff,
];

/** One code unit: a hard one, ASCII, or any of the 65,536 (lone surrogates included). */
export const codeUnit: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(...HARD_CODE_UNITS),
    fc.integer({ min: 0x20, max: 0x7e }),
    fc.integer({ min: 0, max: 0xffff }),
  )
  .map((unit) => String.fromCharCode(unit));

/** One code point of any plane, astral ones as a surrogate pair. */
export const codePoint: fc.Arbitrary<string> = fc
  .integer({ min: 0, max: 0x10ffff })
  .map((point) => String.fromCodePoint(point));

/**
 * Any JavaScript string, well-formed UTF-16 or not: empty, tiny, or long (up to a few
 * thousand units), made of hard code units, ASCII, lone surrogates and every plane.
 */
export const anyString: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 6, arbitrary: fc.array(fc.oneof(codeUnit, codePoint), { maxLength: 24 }) },
    {
      weight: 1,
      arbitrary: fc.array(fc.oneof(codeUnit, codePoint), { minLength: 200, maxLength: 3000 }),
    },
  )
  .map((parts) => parts.join(''));

/**
 * A pair of strings that differ in exactly one code unit, the second drawn from the hard
 * ones: the neighbours a lossy encoding (UTF-8 turns every lone surrogate into U+FFFD) confuses.
 */
export const nearStrings: fc.Arbitrary<readonly [string, string]> = fc
  .tuple(anyString, fc.nat(), fc.constantFrom(...HARD_CODE_UNITS))
  .filter(([text]) => text.length > 0)
  .map(([text, at, unit]) => {
    const i = at % text.length;
    return [text, text.slice(0, i) + String.fromCharCode(unit) + text.slice(i + 1)] as const;
  });

/**
 * Any value JSON can carry, for substituting into an upstream answer's fields: strings of every
 * kind ({@link anyString}), numbers at the edges (negative, fractional, beyond 2^53, huge, tiny),
 * booleans, `null`, empty and nested arrays and objects.
 */
export const anyJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  anyString,
  fc.constantFrom(-1, 0.5, 1.5, 2 ** 53, -(2 ** 31), 1e300, 5e-324, 0, 7, true, false, null),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom([], {}, [[]], { a: {} }),
  fc.jsonValue({ maxDepth: 3 }),
);
