import { serialize } from 'node:v8';

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
