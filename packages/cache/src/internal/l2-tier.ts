import { DecodeError, IntegrityError, StoreTimeoutError } from '../errors.ts';
import { SqliteStore } from '../sqlite-store.ts';
import type { KeyvStoreLike } from '../store.ts';
import { publishError } from './channels.ts';
import type { Counters } from './counters.ts';
import { Entry } from './entry.ts';
import { decodeEntry, encodeEntry, fromStoreValue, toStoreValue } from './entry-codec.ts';
import { toStoredKey } from './stored-key.ts';

/** Options of the L2 tier wrapper. */
export interface L2TierOptions {
  readonly timeoutMs: number;
  readonly retryAfterMs: number;
  readonly maxRetryAfterMs: number;
}

const SKIPPED = Symbol('skipped');

/** What {@link L2Tier.getTagTime} reads for a tag whose record is corrupt. */
export const CORRUPT: unique symbol = Symbol('corrupt');

/** L2 key under which a tag's invalidation time is shared between instances. */
const TAG_KEY_PREFIX = '__hotpath_tag__:';

/**
 * Wraps a keyv store so that it can never hang or throw into the cache: every call
 * is bounded by a timeout, failures are counted and published, and after a failure
 * the store is skipped for a backoff window, then probed again.
 */
export class L2Tier {
  readonly #store: KeyvStoreLike;
  readonly #options: L2TierOptions;
  readonly #counters: Counters;
  readonly #binary: boolean;
  /** The store when it is the SQLite store: synchronous, and it verifies whole rows itself. */
  readonly #sqlite: SqliteStore | undefined;
  #downUntil = 0;
  #failures = 0;

  constructor(store: KeyvStoreLike, options: L2TierOptions, counters: Counters) {
    this.#store = store;
    this.#options = options;
    this.#counters = counters;
    this.#binary = store.binary === true;
    this.#sqlite = store instanceof SqliteStore ? store : undefined;
  }

  /** Reads and decodes an entry; `undefined` on a miss, an error or a corrupt entry. */
  async get(key: string): Promise<Entry | undefined> {
    const entry = await this.#read(key);
    return entry === CORRUPT ? undefined : entry;
  }

  /** Encodes and writes an entry; resolves whether the store took it. */
  async set(key: string, entry: Entry): Promise<boolean> {
    const stored = toStoredKey(key);
    // The SQLite store checksums the whole row: the envelope then carries no CRC of its own.
    const bytes = encodeEntry(entry, stored, this.#sqlite !== undefined);
    const value = toStoreValue(bytes, this.#binary);
    // MAX_VALUE stands for "never" under LFU; anything beyond the year 2286 is stored without expiry.
    // Whole milliseconds: the clock is fractional, and Redis refuses `SET … PX 1234.5`.
    const ttl =
      entry.staleUntil < 1e13 ? Math.max(1, Math.ceil(entry.staleUntil - Date.now())) : undefined;
    const done = await this.#call('set', key, () => this.#store.set(stored, value, ttl));
    return done !== SKIPPED;
  }

  /**
   * When `tag` was last invalidated according to L2: `undefined` when never (or L2 is down),
   * {@link CORRUPT} when its record failed to verify (the caller must assume "just now").
   */
  async getTagTime(tag: string): Promise<number | undefined | typeof CORRUPT> {
    const entry = await this.#read(TAG_KEY_PREFIX + tag);
    if (entry === undefined || entry === CORRUPT) return entry;
    return typeof entry.value === 'number' ? entry.value : CORRUPT;
  }

  /** Records when `tag` was invalidated, as a checksummed entry without expiry. */
  async setTagTime(tag: string, at: number): Promise<void> {
    const never = Number.POSITIVE_INFINITY;
    await this.set(TAG_KEY_PREFIX + tag, new Entry(at, at, never, never, undefined, 0));
  }

  /** Deletes a key. */
  async delete(key: string): Promise<void> {
    await this.#call('delete', key, () => this.#store.delete(toStoredKey(key)));
  }

  /** Clears the store. */
  async clear(): Promise<void> {
    await this.#call('clear', undefined, () => this.#store.clear());
  }

  /** Disconnects the store when it can. */
  async close(): Promise<void> {
    await this.#store.disconnect?.();
  }

  /** Reads and decodes `key`: the entry, `undefined` when absent or L2 is down, or CORRUPT. */
  async #read(key: string): Promise<Entry | undefined | typeof CORRUPT> {
    const stored = toStoredKey(key);
    const sqlite = this.#sqlite;
    // The SQLite store checks the whole row (key, value, expiry): the entry's CRC is skipped.
    const verified = sqlite !== undefined;
    const raw = await this.#call('get', key, () =>
      verified ? sqlite.getVerified(stored) : this.#store.get(stored),
    );
    if (raw === undefined || raw === null || raw === SKIPPED) return undefined;
    try {
      if (raw instanceof IntegrityError) throw raw;
      return decodeEntry(fromStoreValue(raw), stored, !verified);
    } catch (cause) {
      this.#counters.l2DecodeErrors++;
      const error = cause instanceof IntegrityError ? cause : new DecodeError(key, { cause });
      publishError('decode', key, error);
      return CORRUPT;
    }
  }

  async #call(operation: string, key: string | undefined, run: () => unknown): Promise<unknown> {
    if (this.#downUntil > Date.now()) {
      this.#counters.l2Skipped++;
      return SKIPPED;
    }
    try {
      // The SQLite store answers synchronously: a timer could never fire before it returns.
      const result = await (this.#sqlite ? run() : this.#bounded(operation, run));
      this.#failures = 0;
      return result;
    } catch (error) {
      this.#fail(operation, key, error);
      return SKIPPED;
    }
  }

  #fail(operation: string, key: string | undefined, error: unknown): void {
    this.#counters.l2Errors++;
    this.#failures++;
    const wait = this.#options.retryAfterMs * 2 ** Math.min(this.#failures - 1, 16);
    this.#downUntil = Date.now() + Math.min(wait, this.#options.maxRetryAfterMs);
    publishError(`l2.${operation}`, key, error);
  }

  async #bounded(operation: string, run: () => unknown): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const pending = Promise.resolve().then(run);
    const ms = this.#options.timeoutMs;
    // The error is built only when the timer fires: capturing its stack on every call measured
    // 18% of an L2 get.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreTimeoutError(operation, ms)), ms);
    });
    try {
      return await Promise.race([pending, timeout]);
    } finally {
      clearTimeout(timer);
      // A late rejection of the abandoned call must not become an unhandled rejection.
      pending.catch(() => {});
    }
  }
}
