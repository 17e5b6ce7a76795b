import { DefaultSerializer, deserialize } from 'node:v8';
import { crc32 } from 'node:zlib';
import { IntegrityError } from '../errors.ts';
import { Entry } from './entry.ts';

// An L2 entry is an envelope around the `node:v8` serialisation of the entry:
//   byte 0      format (2; the unchecked format 1 began with v8's 0xFF header)
//   bytes 1–4   CRC-32 (little-endian) of the store key, then of bytes 5… (length and payload)
//   bytes 5–8   payload length (little-endian), so truncation and extension never pass
//   bytes 9…    payload: v8 serialisation of [value, createdAt, expiresAt, staleUntil, tags]
// CRC-32 detects every error burst up to 32 bits long (any change confined to 4 consecutive
// bytes) and every 1- to 3-bit error in entries up to 11 KB; other corruptions pass with
// probability 2⁻³². The key is part of the checksum, so a row moved to another key does not verify.
const FORMAT = 2;
const CHECKSUM_AT = 1;
const LENGTH_AT = 5;
const HEADER = 9;

function readUint32(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
  );
}

function checksum(bytes: Uint8Array, key: string): number {
  return crc32(bytes.subarray(LENGTH_AT), crc32(key));
}

/**
 * Serialises an entry stored under `key` (the key as the store sees it). `node:v8` keeps
 * Buffers, typed arrays, Dates, BigInts, Maps, Sets and strings with lone surrogates.
 */
export function encodeEntry(entry: Entry, key: string): Buffer {
  const serializer = new DefaultSerializer();
  // Reserve the envelope header, then serialise after it: no second copy of the payload.
  serializer.writeRawBytes(new Uint8Array(HEADER));
  serializer.writeHeader();
  serializer.writeValue([
    entry.value,
    entry.createdAt,
    entry.expiresAt,
    entry.staleUntil,
    entry.tags ?? null,
  ]);
  const bytes = serializer.releaseBuffer();
  bytes[0] = FORMAT;
  bytes.writeUInt32LE(bytes.length - HEADER, LENGTH_AT);
  bytes.writeUInt32LE(checksum(bytes, key), CHECKSUM_AT);
  return bytes;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
}

function isTagList(value: unknown): value is string[] | null {
  return value === null || (Array.isArray(value) && value.every((tag) => typeof tag === 'string'));
}

/** Throws {@link IntegrityError} unless the envelope is intact; `verify: false` skips the CRC. */
function checkEnvelope(bytes: Uint8Array, key: string, verify: boolean): void {
  if (bytes.length < HEADER || bytes[0] !== FORMAT) {
    throw new Error(`not a hotpath cache entry of format ${FORMAT}`);
  }
  if (readUint32(bytes, LENGTH_AT) !== bytes.length - HEADER) {
    throw new IntegrityError(key, 'length mismatch');
  }
  if (verify && readUint32(bytes, CHECKSUM_AT) !== checksum(bytes, key)) {
    throw new IntegrityError(key, 'checksum mismatch');
  }
}

/**
 * Decodes {@link encodeEntry} output read from `key`. Throws {@link IntegrityError} when the
 * bytes were changed, and a plain error for anything that is not an entry of this format.
 * `verify: false` skips the CRC, for stores that verify what they return themselves.
 */
export function decodeEntry(bytes: Uint8Array, key: string, verify: boolean): Entry {
  checkEnvelope(bytes, key, verify);
  const parts: unknown = deserialize(bytes.subarray(HEADER));
  if (!Array.isArray(parts) || parts.length !== 5) throw new Error('malformed hotpath cache entry');
  const [value, createdAt, expiresAt, staleUntil, tags] = parts as unknown[];
  if (!isNumber(createdAt) || !isNumber(expiresAt) || !isNumber(staleUntil) || !isTagList(tags)) {
    throw new Error('malformed hotpath cache entry');
  }
  return new Entry(value, createdAt, expiresAt, staleUntil, tags ?? undefined, bytes.byteLength);
}

/** Converts encoded bytes to what the store keeps: bytes, or base64 text for text-only stores. */
export function toStoreValue(bytes: Buffer, binary: boolean): Uint8Array | string {
  return binary ? bytes : bytes.toString('base64');
}

/** Converts a stored value back to bytes; throws when it is neither bytes nor text. */
export function fromStoreValue(raw: unknown): Uint8Array {
  if (raw instanceof Uint8Array) return raw;
  if (typeof raw === 'string') return Buffer.from(raw, 'base64');
  throw new Error(`unexpected stored value of type ${typeof raw}`);
}
