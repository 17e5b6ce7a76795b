import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { checkKnownKeys, type KnownKeys, knownKeys } from '@hotpath/protocol';
import {
  argumentError,
  CacheArgumentError,
  CacheClosedError,
  IntegrityError,
  StoreCorruptError,
  StoreOpenError,
} from './errors.ts';
import { publishError } from './internal/channels.ts';
import { ExpirySweep } from './internal/expiry-sweep.ts';
import { listPages } from './internal/sqlite-listing.ts';
import { isSqliteError, openDatabase } from './internal/sqlite-open.ts';
import { listedEntry, nextPage, rowValue } from './internal/sqlite-read.ts';
import { encodeValue, rowChecksum, type StoredRow } from './internal/sqlite-row.ts';
import { ensureTable } from './internal/sqlite-schema.ts';
import {
  isCorruptRead,
  namespaceRange,
  prepare,
  type Statements,
} from './internal/sqlite-statements.ts';
import { toStoredKey } from './internal/stored-key.ts';
import type { KeyvStoreLike } from './store.ts';

const OPTIONS: KnownKeys = knownKeys<SqliteStoreOptions>({
  path: true,
  table: true,
  purgeEvery: true,
  busyTimeoutMs: true,
});

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file, or `':memory:'`. @default '.hotpath/cache.sqlite' under the working directory */
  readonly path?: string;
  /** Table name (letters, digits, underscores). @default 'hotpath_cache' */
  readonly table?: string;
  /**
   * Every this many writes, delete the expired rows among the next `2 × purgeEvery` rows of the
   * table (in rowid order, wrapping around), so the purge costs the same however large the
   * table is, and sweeps it entirely every (rows ÷ 2) writes. Expired rows never read as values.
   * @default 1000
   */
  readonly purgeEvery?: number;
  /**
   * How long a write waits for another connection's lock (SQLite's `busy_timeout`), in whole
   * ms. SQLite calls are synchronous, so the event loop waits with it, and the cache's
   * `l2.timeoutMs` cannot cut it short: keep it near that bound.
   * @default 1000
   */
  readonly busyTimeoutMs?: number;
}

/** What keyv reads from a store's `opts`: the dialect enables `Keyv.iterator()`. */
export interface SqliteStoreInfo {
  /** Always `'sqlite'`. */
  readonly dialect: 'sqlite';
  /** `sqlite://` followed by the database path. */
  readonly url: string;
  /** The table name. */
  readonly table: string;
}

/** @internal What {@link openSqliteStore} hands to the constructor. */
interface StoreSettings {
  readonly table: string;
  readonly purgeEvery: number;
  readonly path: string;
  /**
   * Whether reads verify row checksums (they are always written). Off only in the benchmark
   * that measures what the check costs: corruption then reads as wrong values.
   */
  readonly verify: boolean;
}

/**
 * A keyv-compatible store on Node's built-in `node:sqlite`: one file (WAL mode), prepared
 * statements, upserts, no native build. Values round-trip exactly as through the cache:
 * strings as their code units (Latin-1 or UTF-16LE), `Uint8Array`s and `Buffer`s as bytes (each
 * keeps its class), everything else through `node:v8`. Every row carries a checksum over its key, value, kind and
 * expiry, verified on read: a corrupt row reads as a miss plus an error event
 * (`HOTPATH_CACHE_INTEGRITY_FAILED` on `hotpath:cache:error`, and the store's `'error'` event,
 * which keyv forwards). The cache's default persistent tier. Passes keyv's published store
 * suite (`@keyv/test-suite`), iterator tests included.
 */
export class SqliteStore extends EventEmitter implements KeyvStoreLike {
  /** This store keeps bytes as bytes. */
  readonly binary = true;
  /**
   * Keyv sets this and prefixes keys itself (`namespace:key`), as with every keyv store;
   * when set, `clear()` and `iterator()` only touch keys with that prefix.
   */
  namespace: string | undefined = undefined;
  /** Read by keyv: the `sqlite` dialect turns on `Keyv.iterator()`. */
  readonly opts: SqliteStoreInfo;
  readonly #db: DatabaseSync;
  readonly #sql: Statements;
  readonly #sweep: ExpirySweep;
  readonly #purgeEvery: number;
  readonly #verify: boolean;
  #writes = 0;
  #closed = false;

  /** @internal Use {@link openSqliteStore} or {@link createSqliteStore}. */
  constructor(db: DatabaseSync, settings: StoreSettings) {
    super();
    this.opts = { dialect: 'sqlite', url: `sqlite://${settings.path}`, table: settings.table };
    this.#db = db;
    ensureTable(db, settings.table);
    this.#sql = prepare(db, settings.table);
    this.#sweep = new ExpirySweep(db, settings.table, 2 * settings.purgeEvery);
    this.#purgeEvery = settings.purgeEvery;
    this.#verify = settings.verify;
  }

  /** The stored value, or `undefined` when absent, expired or corrupt. */
  async get(key: string): Promise<unknown> {
    return this.getSync(key);
  }

  /** Synchronous {@link SqliteStore.get}. */
  getSync(key: string): unknown {
    const value = this.getVerified(key);
    return value instanceof IntegrityError ? this.#report(key, value) : value;
  }

  /**
   * {@link SqliteStore.getSync} that tells a corrupt row from an absent one: the value,
   * `undefined` when absent or expired, or the {@link IntegrityError} when the row failed its
   * check, returned rather than published. The cache reads through it, so it can treat a
   * corrupt tag invalidation time as "invalidated now" and skip its own entry checksum.
   */
  getVerified(key: string): unknown {
    this.#open();
    const stored = toStoredKey(this.#key(key));
    let row: StoredRow | undefined;
    try {
      row = this.#sql.get.get(stored) as StoredRow | undefined;
    } catch (error) {
      if (!isCorruptRead(error)) throw error;
      return new IntegrityError(key, 'SQLite could not read the row', { cause: error });
    }
    return row === undefined ? undefined : rowValue(row, stored, key, Date.now(), this.#verify);
  }

  /** Values of `keys` in input order, `undefined` for absent ones. */
  async getMany(keys: string[]): Promise<unknown[]> {
    return keys.map((key) => this.getSync(key));
  }

  /** True when the key is present, not expired and intact. */
  async has(key: string): Promise<boolean> {
    return this.getSync(key) !== undefined;
  }

  /** Stores a value; `ttl` in ms, absent or 0 for no expiry. */
  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    this.setSync(key, value, ttl);
    return true;
  }

  /** Synchronous {@link SqliteStore.set}. */
  setSync(key: string, value: unknown, ttl?: number): void {
    this.#open();
    if (value === undefined)
      throw new CacheArgumentError('value', 'a value other than undefined', value);
    const stored = toStoredKey(this.#key(key));
    const [bytes, kind] = encodeValue(value);
    const expires = ttl !== undefined && ttl > 0 ? Date.now() + ttl : null;
    this.#sql.set.run(stored, kind, expires, rowChecksum(stored, kind, expires, bytes), bytes);
    if (++this.#writes % this.#purgeEvery === 0) this.#sweep.step(Date.now());
  }

  /** Stores several entries in one transaction. */
  async setMany(entries: { key: string; value: unknown; ttl?: number }[]): Promise<void> {
    this.#transaction(() => {
      for (const { key, value, ttl } of entries) this.setSync(key, value, ttl);
    });
  }

  /** Deletes a key; resolves whether it existed. */
  async delete(key: string): Promise<boolean> {
    this.#open();
    return Number(this.#sql.delete.run(toStoredKey(this.#key(key))).changes) > 0;
  }

  /** Deletes several keys; resolves whether any existed. */
  async deleteMany(keys: string[]): Promise<boolean> {
    let any = false;
    this.#transaction(() => {
      for (const key of keys) {
        any = Number(this.#sql.delete.run(toStoredKey(this.#key(key))).changes) > 0 || any;
      }
    });
    return any;
  }

  /** Deletes every entry, or only this namespace's entries when `namespace` is set. */
  async clear(): Promise<void> {
    this.#open();
    if (this.namespace === undefined) this.#sql.clear.run();
    else this.#sql.clearRange.run(...namespaceRange(this.namespace));
  }

  /**
   * Live, intact entries as `[key, value]`, in stored-key order, read a page at a time; only
   * keys of `namespace` (`namespace:…`) when given. `Keyv.iterator()` uses it. A corrupt row
   * is skipped and reported like a corrupt `get`, and so is a row SQLite cannot read (a damaged
   * table or overflow page costs the rows on that page). Throws {@link StoreCorruptError} where
   * neither the key index nor the table can be read, so no later key can be listed.
   */
  async *iterator(namespace?: string): AsyncGenerator<[key: string, value: unknown]> {
    const [from, to] = namespace === undefined ? [''] : namespaceRange(namespace);
    const pages = listPages(this.#sql, from, to);
    for (;;) {
      this.#open();
      const page = nextPage(pages, this.opts.url);
      if (page === undefined) return;
      const now = Date.now();
      for (const listed of page) {
        const [key, value] = listedEntry(listed, now, this.#verify);
        if (value instanceof IntegrityError) this.#report(key, value);
        else if (value !== undefined) yield [key, value];
      }
    }
  }

  /** Closes the database file. */
  async disconnect(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }

  /** Same as {@link SqliteStore.disconnect}. */
  async close(): Promise<void> {
    await this.disconnect();
  }

  /** Same as {@link SqliteStore.disconnect}. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.disconnect();
  }

  /** Publishes a corrupt read (and emits it when someone listens, as keyv does); a miss. */
  #report(key: string, error: IntegrityError): undefined {
    publishError('sqlite.get', key, error);
    if (this.listenerCount('error') > 0) this.emit('error', error);
    return undefined;
  }

  #key(key: string): string {
    if (typeof key !== 'string') throw new CacheArgumentError('key', 'a string', key);
    return key;
  }

  #open(): void {
    if (this.#closed) throw new CacheClosedError('SQLite store');
  }

  #transaction(run: () => void): void {
    this.#open();
    this.#db.exec('BEGIN');
    try {
      run();
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }
}

/**
 * Opens (creating if needed) the SQLite store synchronously, as keyv stores are usually
 * constructed: WAL journal, `synchronous = NORMAL`. A table written by the first version
 * (no checksums) is migrated in place once; a table of any other layout is refused.
 * @example
 * ```ts
 * const keyv = new Keyv({ store: openSqliteStore({ path: '.hotpath/keyv.sqlite' }) });
 * ```
 */
export function openSqliteStore(options: SqliteStoreOptions = {}): SqliteStore {
  if (typeof options !== 'object' || options === null)
    throw new CacheArgumentError('options', 'an object', options);
  checkKnownKeys(options, OPTIONS, 'options', argumentError);
  const table = options.table ?? 'hotpath_cache';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) {
    throw new CacheArgumentError('options.table', 'letters, digits and underscores', table);
  }
  const purgeEvery = options.purgeEvery ?? 1000;
  if (!(Number.isSafeInteger(purgeEvery) && purgeEvery > 0)) {
    throw new CacheArgumentError('options.purgeEvery', 'a positive integer', purgeEvery);
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? 1000;
  if (!(Number.isSafeInteger(busyTimeoutMs) && busyTimeoutMs >= 0)) {
    throw new CacheArgumentError(
      'options.busyTimeoutMs',
      'a whole number of ms ≥ 0',
      busyTimeoutMs,
    );
  }
  const path = options.path ?? resolve('.hotpath', 'cache.sqlite');
  const db = openDatabase(path, busyTimeoutMs);
  try {
    return new SqliteStore(db, { table, purgeEvery, path, verify: true });
  } catch (error) {
    db.close();
    // A damaged page or a full disk surfaces when the schema is read or created.
    throw isSqliteError(error) ? new StoreOpenError(path, { cause: error }) : error;
  }
}

/**
 * Opens (creating if needed) the SQLite store: WAL journal, `synchronous = NORMAL`.
 * The same as {@link openSqliteStore}, returned as a promise.
 * @example
 * ```ts
 * const cache = await createCache({ l2: await createSqliteStore({ path: '.hotpath/cache.sqlite' }) });
 * ```
 */
export async function createSqliteStore(options: SqliteStoreOptions = {}): Promise<SqliteStore> {
  return openSqliteStore(options);
}
