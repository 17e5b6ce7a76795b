import { DefaultSerializer, deserialize } from 'node:v8';
import { IntegrityError } from '../errors.ts';
import { crc32Bytes, crc32Utf8 } from './crc32.ts';
import { Entry } from './entry.ts';

// An L2 entry is an envelope around the `node:v8` serialisation of the entry:
//   byte 0      format: 2 checked here; 3 checked by the store (the unchecked format 1 began with
//               v8's 0xFF header)
//   bytes 1–4   format 2: CRC-32 (little-endian) of the store key, then of bytes 5… (length and
//               payload); format 3: zero
//   bytes 5–8   payload length (little-endian), so truncation and extension never pass
//   bytes 9…    payload: v8 serialisation of [value, createdAt, expiresAt, staleUntil, tags]
// CRC-32 detects every error burst up to 32 bits long (any change confined to 4 consecutive
// bytes) and every 1- to 3-bit error in entries up to 11 KB; other corruptions pass with
// probability 2⁻³². The key is part of the checksum, so a row moved to another key does not verify.
// Format 3 goes only to a store that checksums whole rows itself (the SQLite store, whose row
// checksum covers these bytes and the key): one CRC pass per write instead of two. It is read only
// through that store's verified read; anywhere else it is not an entry (a miss with an error).
const FORMAT = 2;
const STORE_CHECKED = 3;
const CHECKSUM_AT = 1;
const LENGTH_AT = 5;
const HEADER = 9;

function readUint32(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
  );
}

function checksum(bytes: Uint8Array, key: string): number {
  return crc32Bytes(crc32Utf8(0, key), bytes.subarray(LENGTH_AT));
}

/**
 * Serialises an entry stored under `key` (the key as the store sees it). `node:v8` keeps
 * Buffers, typed arrays, Dates, BigInts, Maps, Sets and strings with lone surrogates.
 * `storeChecked`: for a store that checksums the whole row (key included) itself, so the
 * envelope carries no CRC of its own and only that store's verified read accepts it.
 */
export function encodeEntry(entry: Entry, key: string, storeChecked = false): Buffer {
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
  bytes[0] = storeChecked ? STORE_CHECKED : FORMAT;
  bytes.writeUInt32LE(bytes.length - HEADER, LENGTH_AT);
  bytes.writeUInt32LE(storeChecked ? 0 : checksum(bytes, key), CHECKSUM_AT);
  return bytes;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
}

function isTagList(value: unknown): value is string[] | null {
  return value === null || (Array.isArray(value) && value.every((tag) => typeof tag === 'string'));
}

/**
 * Throws {@link IntegrityError} unless the envelope is intact. `verify: false` (the bytes come
 * from a store that verified them) skips the CRC and also accepts the store-checked format.
 */
function checkEnvelope(bytes: Uint8Array, key: string, verify: boolean): void {
  const format = bytes[0];
  if (bytes.length < HEADER || !(format === FORMAT || (!verify && format === STORE_CHECKED))) {
    throw new Error(`not a hotpath cache entry of format ${FORMAT}${verify ? '' : ' or 3'}`);
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
 * `verify: false` skips the CRC and accepts the store-checked format, for bytes read through a
 * store that verifies what it returns itself.
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
