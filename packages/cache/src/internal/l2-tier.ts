import { DecodeError, IntegrityError, StoreTimeoutError } from '../errors.ts';
import { SqliteStore } from '../sqlite-store.ts';
import type { KeyvStoreLike } from '../store.ts';
import { publishError } from './channels.ts';
import type { Counters } from './counters.ts';
import { Entry } from './entry.ts';
import { decodeEntry, encodeEntry, fromStoreValue, toStoreValue } from './entry-codec.ts';
import { toStoredKey } from './stored-key.ts';
import { unserialisableValue } from './validate.ts';

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
  /** The last failure, published again for the other keys of a batch it failed. */
  #lastError: unknown;

  constructor(store: KeyvStoreLike, options: L2TierOptions, counters: Counters) {
    this.#store = store;
    this.#options = options;
    this.#counters = counters;
    this.#binary = store.binary === true;
    this.#sqlite = store instanceof SqliteStore ? store : undefined;
  }

  /**
   * True when the store answers synchronously (the SQLite store): {@link L2Tier.getSync} can then
   * be used, and the miss path takes no turns of the microtask queue to learn that L2 has nothing.
   */
  get sync(): boolean {
    return this.#sqlite !== undefined;
  }

  /** Reads and decodes an entry; `undefined` on a miss, an error or a corrupt entry. */
  async get(key: string): Promise<Entry | undefined> {
    // #read already answers the SQLite store synchronously.
    const entry = await this.#read(key);
    return entry === CORRUPT ? undefined : entry;
  }

  /** {@link L2Tier.get} of a synchronous store (see {@link L2Tier.sync}); `undefined` otherwise. */
  getSync(key: string): Entry | undefined {
    const entry = this.#sqlite ? this.#readSync(this.#sqlite, key) : undefined;
    return entry === CORRUPT ? undefined : entry;
  }

  /** Encodes and writes an entry; resolves whether the store took it. */
  async set(key: string, entry: Entry): Promise<boolean> {
    const { key: stored, value, ttl } = this.#encodable(key, entry);
    const done = await this.#call('set', key, () => this.#store.set(stored, value, ttl));
    return done !== SKIPPED;
  }

  /**
   * Writes entries in one go: into the SQLite store in one transaction (one commit instead of
   * one per row), into any other store as concurrent `set`s. Never rejects: an entry that
   * cannot be encoded, and every entry of a transaction that failed, is counted in `l2Errors`
   * and published on `hotpath:cache:error` (`l2.set`), as a failed single write is.
   */
  async setMany(entries: ReadonlyArray<readonly [key: string, entry: Entry]>): Promise<void> {
    const sqlite = this.#sqlite;
    if (sqlite === undefined || entries.length === 1) {
      await Promise.all(entries.map(([key, entry]) => this.#setReported(key, entry)));
      return;
    }
    const rows: Array<{ key: string; value: unknown; ttl?: number }> = [];
    const keys: string[] = [];
    for (const [key, entry] of entries) {
      try {
        rows.push(this.#encodable(key, entry));
        keys.push(key);
      } catch (error) {
        this.#unwritable(key, error);
      }
    }
    if (rows.length === 0) return;
    if (this.#downUntil > performance.now()) {
      this.#counters.l2Skipped += rows.length;
      return;
    }
    const done = await this.#call('set', keys[0], () => sqlite.setMany(rows));
    if (done !== SKIPPED) return;
    // The transaction failed as a whole: #call reported the first key; each other key too.
    for (const key of keys.slice(1)) this.#unwritable(key, this.#lastError);
  }

  /** {@link L2Tier.set} where an entry that cannot be encoded is reported, not thrown. */
  async #setReported(key: string, entry: Entry): Promise<void> {
    try {
      await this.set(key, entry);
    } catch (error) {
      this.#unwritable(key, error);
    }
  }

  /** A value the store cannot take (it does not encode): counted and published, never thrown. */
  #unwritable(key: string, error: unknown): void {
    this.#counters.l2Errors++;
    publishError('l2.set', key, error);
  }

  /** {@link #row}, where a value node:v8 cannot serialise throws `CacheArgumentError`. */
  #encodable(key: string, entry: Entry): { key: string; value: unknown; ttl?: number } {
    try {
      return this.#row(key, entry);
    } catch (cause) {
      throw unserialisableValue(entry.value, cause);
    }
  }

  /** The row of an entry: its stored key, encoded value and ttl in whole ms (none: never). */
  #row(key: string, entry: Entry): { key: string; value: unknown; ttl?: number } {
    const stored = toStoredKey(key);
    // The SQLite store checksums the whole row: the envelope then carries no CRC of its own.
    const bytes = encodeEntry(entry, stored, this.#sqlite !== undefined);
    const value = toStoreValue(bytes, this.#binary);
    // MAX_VALUE stands for "never" under LFU; anything beyond the year 2286 is stored without expiry.
    // Whole milliseconds: the clock is fractional, and Redis refuses `SET … PX 1234.5`.
    if (!(entry.staleUntil < 1e13)) return { key: stored, value };
    return { key: stored, value, ttl: Math.max(1, Math.ceil(entry.staleUntil - Date.now())) };
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
    const sqlite = this.#sqlite;
    if (sqlite !== undefined) return this.#readSync(sqlite, key);
    const stored = toStoredKey(key);
    const raw = await this.#call('get', key, () => this.#store.get(stored));
    return this.#decode(raw, key, stored, false);
  }

  /** {@link L2Tier.#read} of the SQLite store, which answers synchronously: no promise at all. */
  #readSync(sqlite: SqliteStore, key: string): Entry | undefined | typeof CORRUPT {
    if (this.#downUntil > performance.now()) {
      this.#counters.l2Skipped++;
      return undefined;
    }
    const stored = toStoredKey(key);
    let raw: unknown;
    try {
      raw = sqlite.getVerified(stored);
      this.#failures = 0;
    } catch (error) {
      this.#fail('get', key, error);
      return undefined;
    }
    // The SQLite store checks the whole row (key, value, expiry): the entry's CRC is skipped.
    return this.#decode(raw, key, stored, true);
  }

  /** Decodes what the store returned; a corrupt entry is counted, published and CORRUPT. */
  #decode(
    raw: unknown,
    key: string,
    stored: string,
    verified: boolean,
  ): Entry | undefined | typeof CORRUPT {
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
    if (this.#downUntil > performance.now()) {
      this.#counters.l2Skipped++;
      return SKIPPED;
    }
    try {
      // The SQLite store answers synchronously: a timer could never fire before it returns.
      const unbounded = this.#sqlite !== undefined || this.#options.timeoutMs === Infinity;
      const result = await (unbounded ? run() : this.#bounded(operation, run));
      this.#failures = 0;
      return result;
    } catch (error) {
      this.#fail(operation, key, error);
      return SKIPPED;
    }
  }

  #fail(operation: string, key: string | undefined, error: unknown): void {
    this.#lastError = error;
    this.#counters.l2Errors++;
    this.#failures++;
    const wait = this.#options.retryAfterMs * 2 ** Math.min(this.#failures - 1, 16);
    // Monotonic: a wall-clock step back (an NTP correction) must not keep L2 skipped that long.
    this.#downUntil = performance.now() + Math.min(wait, this.#options.maxRetryAfterMs);
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
