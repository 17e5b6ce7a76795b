import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { checkKnownKeys, type KnownKeys, knownKeys } from '@hotpath/protocol';
import {
  argumentError,
  CacheArgumentError,
  CacheClosedError,
  CheckpointError,
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
import { type CheckpointResult, WalCheckpointer } from './internal/wal-checkpointer.ts';
import type { KeyvStoreLike } from './store.ts';

export type { CheckpointResult };

const OPTIONS: KnownKeys = knownKeys<SqliteStoreOptions>({
  path: true,
  table: true,
  purgeEvery: true,
  checkpoints: true,
  busyTimeoutMs: true,
});

/** Writes between two background checkpoints: about 500–800 WAL pages for rows of a few KB. */
const CHECKPOINT_EVERY = 256;
/** SQLite's own `wal_autocheckpoint`, restored while the background worker falls behind or after it fails. */
const INLINE_CHECKPOINT_PAGES = 1000;
/**
 * WAL frames past which the store catches up inline once. SQLite rewinds the WAL only when a
 * write begins after a checkpoint that copied every frame, and writes that land while the worker
 * checkpoints leave it behind, so under steady writes the WAL would grow without bound. The
 * catch-up copies only the frames the worker has not (the store's connection, the only writer of
 * this process, is idle then), and the next write rewinds the WAL: 16 MiB at most with 4 KiB
 * pages, one short stall where inline checkpoints stall every 1,000 pages.
 */
const CATCH_UP_FRAMES = 4000;

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
   * Who checkpoints the WAL into the database file. `'inline'`: SQLite itself, inside the commit
   * that crosses 1,000 WAL pages; that commit copies the pages and syncs the file, which stalled
   * one write in about 200 for 4–5 ms on a plain disk. `'background'`: a worker thread with its
   * own connection, every 256 writes (a PASSIVE checkpoint: the store keeps reading and writing
   * meanwhile), so no write waits for a sync. It costs one thread (unref'd) per store, and emits
   * `'checkpoint'` with a {@link CheckpointResult} after each one. The WAL stays bounded: the
   * store catches up inline once a checkpoint finds 4,000 frames (writes that land meanwhile
   * keep SQLite from rewinding it), and checkpoints inline while the worker is still busy after
   * 2,048 writes. If the worker fails, the store publishes a `CheckpointError` and goes back to
   * `'inline'`. Ignored for `':memory:'`.
   * @default 'inline'
   */
  readonly checkpoints?: 'inline' | 'background';
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
  /** See {@link SqliteStoreOptions.checkpoints}. @default 'inline' */
  readonly checkpoints?: 'inline' | 'background';
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
  readonly #checkpointer: WalCheckpointer | undefined;
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
    this.#checkpointer =
      settings.checkpoints === 'background' && settings.path !== ':memory:'
        ? this.#checkpointInBackground(settings.path)
        : undefined;
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
    this.#checkpointer?.wrote();
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
    const deleted = Number(this.#sql.delete.run(toStoredKey(this.#key(key))).changes) > 0;
    this.#checkpointer?.wrote();
    return deleted;
  }

  /** Deletes several keys; resolves whether any existed. */
  async deleteMany(keys: string[]): Promise<boolean> {
    let any = false;
    this.#transaction(() => {
      for (const key of keys) {
        any = Number(this.#sql.delete.run(toStoredKey(this.#key(key))).changes) > 0 || any;
      }
    });
    this.#checkpointer?.wrote(keys.length);
    return any;
  }

  /** Deletes every entry, or only this namespace's entries when `namespace` is set. */
  async clear(): Promise<void> {
    this.#open();
    if (this.namespace === undefined) this.#sql.clear.run();
    else this.#sql.clearRange.run(...namespaceRange(this.namespace));
    // A clear can rewrite many pages: checkpoint it soon.
    this.#checkpointer?.wrote(CHECKPOINT_EVERY);
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

  /** Closes the database file (after the background checkpoint worker, if any, has stopped). */
  async disconnect(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#checkpointer?.close();
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

  /**
   * Turns SQLite's own checkpoints off on this connection and starts the worker that runs them
   * instead; when it fails, turns them back on and reports it.
   */
  #checkpointInBackground(path: string): WalCheckpointer {
    this.#db.exec('PRAGMA wal_autocheckpoint = 0');
    return new WalCheckpointer(path, CHECKPOINT_EVERY, CATCH_UP_FRAMES, {
      done: (result: CheckpointResult) => this.emit('checkpoint', result),
      catchUp: () => {
        // Runs after a write that succeeded: a failure here is reported, never thrown from it.
        try {
          this.#db.exec('PRAGMA wal_checkpoint(PASSIVE)');
        } catch (cause) {
          this.#reportCheckpoint(cause);
        }
      },
      inline: (on) =>
        this.#db.exec(`PRAGMA wal_autocheckpoint = ${on ? INLINE_CHECKPOINT_PAGES : 0}`),
      failed: (cause) => {
        if (!this.#closed) this.#db.exec(`PRAGMA wal_autocheckpoint = ${INLINE_CHECKPOINT_PAGES}`);
        this.#reportCheckpoint(cause);
      },
    });
  }

  #reportCheckpoint(cause: unknown): void {
    const error = new CheckpointError(this.opts.url, { cause });
    publishError('sqlite.checkpoint', undefined, error);
    if (this.listenerCount('error') > 0) this.emit('error', error);
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
  const checkpoints = options.checkpoints ?? 'inline';
  if (checkpoints !== 'inline' && checkpoints !== 'background') {
    throw new CacheArgumentError('options.checkpoints', "'inline' or 'background'", checkpoints);
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
    return new SqliteStore(db, { table, purgeEvery, path, verify: true, checkpoints });
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
