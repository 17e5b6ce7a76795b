import { deserialize, serialize } from 'node:v8';
import { crc32Bytes, crc32Uint, crc32Utf8 } from './crc32.ts';

/** How a row's bytes become a value again. Every kind stores its value as a BLOB. */
export const Kind = {
  /** A string as UTF-8: rows migrated from the first version only (which may hold TEXT). */
  text: 0,
  /** A `Uint8Array` (exactly that class). */
  bytes: 1,
  /** Anything else, through `node:v8` (objects, numbers, typed arrays other than Uint8Array). */
  v8: 2,
  /** A `Buffer`. */
  buffer: 3,
  /** A string whose code units are all below 256, one byte each. */
  latin1: 4,
  /** Any other string, as UTF-16LE code units, lone surrogates included. */
  utf16: 5,
} as const;

// Strings are stored as their code units, not as UTF-8: UTF-8 cannot carry a lone surrogate (so it
// would need an isWellFormed() scan first), and for two-byte strings Buffer.from(s, 'utf8') and
// toString('utf8') measured 3× and 6× slower than their UTF-16LE counterparts. On a string V8
// keeps one byte per character this test returns at once.
const WIDE = /[\u0100-\uffff]/;

/**
 * A row as read, its columns in this order (arrays: SQLite's row objects have slow, dictionary
 * properties). Any column may hold anything once the file was corrupted.
 */
export type StoredRow = readonly [
  kind: unknown,
  expires: unknown,
  checksum: unknown,
  value: unknown,
];

/** Encodes a value as bytes and the kind that decodes them; exact for what `node:v8` keeps. */
export function encodeValue(value: unknown): [bytes: Uint8Array, kind: number] {
  if (typeof value === 'string') {
    return WIDE.test(value)
      ? [Buffer.from(value, 'utf16le'), Kind.utf16]
      : [Buffer.from(value, 'latin1'), Kind.latin1];
  }
  if (value instanceof Uint8Array) {
    if (value.constructor === Uint8Array) return [value, Kind.bytes];
    if (Buffer.isBuffer(value)) return [value, Kind.buffer];
  }
  return [serialize(value), Kind.v8];
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** UTF-8 bytes (a TEXT column read as a BLOB) as a string, each invalid sequence as U+FFFD. */
export function utf8(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('utf8');
}

/** Decodes what {@link encodeValue} wrote; throws on an unknown kind. */
export function decodeValue(value: Uint8Array, kind: number): unknown {
  switch (kind) {
    case Kind.latin1:
      return asBuffer(value).toString('latin1');
    case Kind.utf16:
      return asBuffer(value).toString('utf16le');
    case Kind.text:
      return utf8(value);
    case Kind.bytes:
      return value;
    case Kind.buffer:
      return asBuffer(value);
    case Kind.v8:
      return deserialize(value);
    default:
      throw new Error(`unknown value kind ${kind}: written by a newer version`);
  }
}

/** 2²¹: the value's length is kept modulo this, so the checksum stays a safe integer. */
const LENGTH_MODULUS = 2 ** 21;
const CRC_SPAN = 2 ** 32;

function isWritten(kind: number, expires: number | null): boolean {
  if (!Number.isInteger(kind) || kind < 0 || kind > 255) return false;
  return expires === null || (Number.isSafeInteger(expires) && expires >= 0);
}

/** The CRC-32 of the fields before the key: kind, expiry (flagged) and the key's length. */
function head(kind: number, expires: number | null, keyLength: number): number {
  let crc = crc32Uint(0, kind, 1);
  crc = expires === null ? crc32Uint(crc, 0, 1) : crc32Uint(crc32Uint(crc, 1, 1), expires, 7);
  return crc32Uint(crc, keyLength, 4);
}

function finish(crc: number, value: Uint8Array): number {
  return crc32Bytes(crc, value) + CRC_SPAN * (value.byteLength % LENGTH_MODULUS);
}

/**
 * A row's checksum: CRC-32 over an unambiguous encoding of (kind, expires, key length, key,
 * value), plus the value's length (mod 2²¹) above bit 32, so any truncation shorter than 2 MiB
 * is caught for certain and not only with CRC's 1 − 2⁻³². One CRC over all of it: the fixed-size
 * fields and the key (as UTF-8) in JavaScript, the value too when it is short, else in one native
 * call. `key` is the key that was asked for, so a row reached through a damaged index entry or
 * key does not verify. `NaN` (equal to nothing) when a field is not one this store could write.
 */
export function rowChecksum(
  key: string,
  kind: number,
  expires: number | null,
  value: Uint8Array,
): number {
  if (!isWritten(kind, expires)) return Number.NaN;
  return finish(crc32Utf8(head(kind, expires, key.length), key), value);
}

/**
 * {@link rowChecksum} of a row listed with its key: over the key column's own bytes, `keyBytes`,
 * which `key` decodes (so bytes that are not the UTF-8 of any key never verify).
 */
function listedChecksum(
  key: string,
  keyBytes: Uint8Array,
  kind: number,
  expires: number | null,
  value: Uint8Array,
): number {
  if (!isWritten(kind, expires)) return Number.NaN;
  return finish(crc32Bytes(head(kind, expires, key.length), keyBytes), value);
}

function hasColumnTypes(row: StoredRow): boolean {
  const expires = row[1];
  return (
    typeof row[0] === 'number' &&
    (expires === null || typeof expires === 'number') &&
    typeof row[2] === 'number' &&
    row[3] instanceof Uint8Array
  );
}

/**
 * True when every column has its type and the checksum matches for `key`; for a listed row,
 * over the key column's bytes `keyBytes` (which `key` decodes).
 */
export function isIntact(row: StoredRow, key: string, keyBytes?: Uint8Array): boolean {
  if (!hasColumnTypes(row)) return false;
  const kind = row[0] as number;
  const expires = row[1] as number | null;
  const value = row[3] as Uint8Array;
  const expected =
    keyBytes === undefined
      ? rowChecksum(key, kind, expires, value)
      : listedChecksum(key, keyBytes, kind, expires, value);
  return row[2] === expected;
}
