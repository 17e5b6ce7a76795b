import { deserialize, serialize } from 'node:v8';

const FORMAT = 1;

/** One cached value with its timestamps (ms since the epoch). */
export class Entry {
  readonly value: unknown;
  readonly createdAt: number;
  /** Fresh until this instant. */
  readonly expiresAt: number;
  /** Servable as stale (grace) until this instant. */
  readonly staleUntil: number;
  readonly tags: readonly string[] | undefined;
  /** Estimated bytes, for the L1 byte bound. */
  size: number;
  /** Consecutive failed refreshes, for backoff while serving stale. */
  failures = 0;
  /** No refresh before this instant. */
  retryAt = 0;
  /** Hits outside `getSync`'s fast path (entries with a ttl), for adaptive TTL. */
  hits = 0;

  constructor(
    value: unknown,
    createdAt: number,
    expiresAt: number,
    staleUntil: number,
    tags: readonly string[] | undefined,
    size: number,
  ) {
    this.value = value;
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
    this.staleUntil = staleUntil;
    this.tags = tags;
    this.size = size;
  }
}

/** Serialises an entry for L2: `node:v8` keeps Buffers, typed arrays, Dates, BigInts and Maps. */
export function encodeEntry(entry: Entry): Buffer {
  return serialize([
    FORMAT,
    entry.value,
    entry.createdAt,
    entry.expiresAt,
    entry.staleUntil,
    entry.tags ?? null,
  ]);
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && !Number.isNaN(value);
}

function isTagList(value: unknown): value is string[] | null {
  return value === null || (Array.isArray(value) && value.every((tag) => typeof tag === 'string'));
}

/** Decodes {@link encodeEntry} output; throws on anything else. */
export function decodeEntry(bytes: Uint8Array): Entry {
  const parts: unknown = deserialize(bytes);
  if (!Array.isArray(parts) || parts.length !== 6 || parts[0] !== FORMAT) {
    throw new Error('not a hotpath cache entry');
  }
  const [, value, createdAt, expiresAt, staleUntil, tags] = parts as unknown[];
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

/** A cheap size estimate in bytes; falls back to the serialised size for objects. */
export function estimateSize(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return 16 + value.length * 2;
    case 'object':
      if (value === null) return 8;
      if (ArrayBuffer.isView(value)) return 64 + value.byteLength;
      return serialize(value).byteLength;
    default:
      return 16;
  }
}
