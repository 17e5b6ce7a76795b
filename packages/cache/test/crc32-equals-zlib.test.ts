// The JavaScript CRC-32 behind every L2 checksum gives exactly what zlib.crc32 gives, for bytes,
// for text (its UTF-8 encoding, lone surrogates as U+FFFD) and for integers: stored checksums do
// not depend on which of the two computed them.
import { crc32 } from 'node:zlib';
import { propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32Bytes, crc32Uint, crc32Utf8, NATIVE_FROM } from '../src/internal/crc32.ts';
import { anyString } from './arbitraries.ts';

const initial = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2 ** 32 - 1 }));
/** Lengths around the JavaScript/native crossover and the 8-byte steps, and up to 70 KB. */
const byteArrays = fc.oneof(
  fc.uint8Array({ maxLength: 40 }),
  fc
    .integer({ min: NATIVE_FROM - 9, max: NATIVE_FROM + 9 })
    .chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
  fc.integer({ min: 0, max: 70_000 }).map((n) => Uint8Array.from({ length: n }, (_, i) => i * 31)),
);

describe.each(propertySeeds('crc32'))('CRC-32 (seed %i)', (seed) => {
  it('the CRC of any bytes, from any initial CRC, equals zlib.crc32', () => {
    fc.assert(
      fc.property(byteArrays, initial, fc.nat(7), (bytes, crc, skip) => {
        // Views that start at an offset of their buffer, too.
        const view = bytes.subarray(Math.min(skip, bytes.length));
        // Node 22's zlib.crc32 returns 0 for some empty views; the CRC of nothing is `crc`.
        expect(crc32Bytes(crc, view)).toBe(view.length === 0 ? crc : crc32(view, crc));
      }),
      { seed, numRuns: 400 },
    );
  });

  it('the CRC of any string (lone surrogates, NUL, every plane) equals zlib.crc32 of the string', () => {
    fc.assert(
      fc.property(anyString, initial, (text, crc) => {
        expect(crc32Utf8(crc, text)).toBe(crc32(text, crc));
      }),
      { seed, numRuns: 400 },
    );
  });

  it('the CRC of an integer is the CRC of its little-endian bytes', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.integer({ min: 1, max: 7 }), initial, (value, count, crc) => {
        const bytes = Buffer.alloc(8);
        bytes.writeBigUInt64LE(BigInt(value));
        expect(crc32Uint(crc, value, count)).toBe(crc32(bytes.subarray(0, count), crc));
      }),
      { seed, numRuns: 400 },
    );
  });
});

it('an empty view continues the CRC it was given (Node 22 zlib returns 0 for some)', () => {
  expect(crc32Bytes(0x1234_5678, new Uint8Array(0))).toBe(0x1234_5678);
  expect(crc32Bytes(0x1234_5678, new Uint8Array(new ArrayBuffer(0)))).toBe(0x1234_5678);
  expect(crc32Utf8(7, '')).toBe(7);
});
