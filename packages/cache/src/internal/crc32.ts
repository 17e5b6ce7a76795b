import { crc32 as zlibCrc32 } from 'node:zlib';

// CRC-32 exactly as zlib computes it (reflected polynomial 0xEDB88320, initial and final XOR
// 0xFFFFFFFF), so every checksum stays what `zlib.crc32` gives. Node's zlib.crc32 is zlib's
// portable braided C loop (no carry-less multiply, even on CPUs that have it): about 6 GB/s on
// long inputs, but a byte at a time below 47 bytes and a fixed ~150 ns tail above, so a call on
// tens to a few hundred bytes costs 50–200 ns. Slicing-by-8 in JavaScript runs at about 2 GB/s
// with no call at all, and wins below the crossover measured on the benchmark machine.

/** From this many bytes on, one native zlib.crc32 call is faster than the JavaScript loop. */
export const NATIVE_FROM = 320;

/** Eight 256-entry tables: table k advances a byte k positions further (slicing-by-8). */
const TABLES: Int32Array = buildTables();

function buildTables(): Int32Array {
  const tables = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[n] = c;
  }
  for (let i = 256; i < tables.length; i++) {
    const previous = tables[i - 256]!;
    tables[i] = tables[previous & 0xff]! ^ (previous >>> 8);
  }
  return tables;
}

/**
 * The register after `bytes[from..to)`, from register `c` (the CRC's inverted state).
 * Eight bytes per step with eight independent table reads, then a byte at a time.
 */
function sliceBy8(c: number, bytes: Uint8Array, from: number, to: number): number {
  const t = TABLES;
  let i = from;
  for (const end = to - 7; i < end; i += 8) {
    const x =
      c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
    c =
      t[1792 + (x & 0xff)]! ^
      t[1536 + ((x >>> 8) & 0xff)]! ^
      t[1280 + ((x >>> 16) & 0xff)]! ^
      t[1024 + (x >>> 24)]! ^
      t[768 + bytes[i + 4]!]! ^
      t[512 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
  }
  for (; i < to; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}

/** The register after one byte. */
function byte(c: number, value: number): number {
  return TABLES[(c ^ value) & 0xff]! ^ (c >>> 8);
}

/** The register after four bytes, the little-endian bytes of the 32-bit `word`. */
function word(c: number, value: number): number {
  const t = TABLES;
  const x = c ^ value;
  return (
    t[768 + (x & 0xff)]! ^
    t[512 + ((x >>> 8) & 0xff)]! ^
    t[256 + ((x >>> 16) & 0xff)]! ^
    t[x >>> 24]!
  );
}

/** Continues `crc` (a finished CRC-32, 0 to start) over `bytes`: `zlib.crc32(bytes, crc)`. */
export function crc32Bytes(crc: number, bytes: Uint8Array): number {
  const length = bytes.length;
  // Also keeps empty views away from zlib: Node 22's crc32 returns 0 for an empty view without a
  // backing store (zlib's "no buffer" case) instead of `crc`.
  if (length < NATIVE_FROM) return ~sliceBy8(~crc, bytes, 0, length) >>> 0;
  return zlibCrc32(bytes, crc);
}

/** Continues `crc` over the `count` (1–7) low bytes of the safe integer `value`, little-endian. */
export function crc32Uint(crc: number, value: number, count: number): number {
  let c = ~crc;
  const low = value >>> 0;
  if (count >= 4) {
    c = word(c, low);
    const high = (value - low) / 0x1_0000_0000;
    for (let k = 0; k < count - 4; k++) c = byte(c, high >>> (8 * k));
  } else {
    for (let k = 0; k < count; k++) c = byte(c, low >>> (8 * k));
  }
  return ~c >>> 0;
}

/** Strings from this many UTF-16 units on go to zlib, which encodes them to UTF-8 natively. */
const NATIVE_TEXT_FROM = 256;

/**
 * Continues `crc` over the UTF-8 encoding of `text`, a lone surrogate as U+FFFD (EF BF BD), as
 * Node encodes strings: `zlib.crc32(text, crc)` without encoding the string first. The bytes
 * gather in a 32-bit word that goes through the tables four bytes at a time.
 */
export function crc32Utf8(crc: number, text: string): number {
  const length = text.length;
  if (length >= NATIVE_TEXT_FROM) return zlibCrc32(text, crc);
  let c = ~crc;
  let pending = 0; // up to 3 bytes not yet hashed, little-endian
  let filled = 0;
  for (let i = 0; i < length; i++) {
    const unit = text.charCodeAt(i);
    let bytes: number;
    let count: number;
    if (unit < 0x80) {
      bytes = unit;
      count = 1;
    } else if (unit < 0x800) {
      bytes = 0xc0 | (unit >>> 6) | ((0x80 | (unit & 0x3f)) << 8);
      count = 2;
    } else if (unit < 0xd800 || unit > 0xdfff) {
      bytes = threeBytes(unit);
      count = 3;
    } else {
      const next = text.charCodeAt(i + 1);
      if (unit > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) {
        bytes = threeBytes(0xfffd);
        count = 3;
      } else {
        i++;
        bytes = fourBytes(0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00));
        count = 4;
      }
    }
    const room = 4 - filled;
    if (count < room) {
      pending |= bytes << (8 * filled);
      filled += count;
    } else {
      c = word(c, pending | (bytes << (8 * filled)));
      pending = count > room ? bytes >>> (8 * room) : 0;
      filled = count - room;
    }
  }
  for (let k = 0; k < filled; k++) c = byte(c, pending >>> (8 * k));
  return ~c >>> 0;
}

function threeBytes(point: number): number {
  return (
    0xe0 | (point >>> 12) | ((0x80 | ((point >>> 6) & 0x3f)) << 8) | ((0x80 | (point & 0x3f)) << 16)
  );
}

function fourBytes(point: number): number {
  return (
    0xf0 |
    (point >>> 18) |
    ((0x80 | ((point >>> 12) & 0x3f)) << 8) |
    ((0x80 | ((point >>> 6) & 0x3f)) << 16) |
    ((0x80 | (point & 0x3f)) << 24)
  );
}
