import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { deserialize, serialize } from 'node:v8';
import { CacheArgumentError, CacheClosedError } from './errors.ts';
import type { KeyvStoreLike } from './store.ts';

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file, or `':memory:'`. @default '.hotpath/cache.sqlite' under the working directory */
  readonly path?: string;
  /** Table name (letters, digits, underscores). @default 'hotpath_cache' */
  readonly table?: string;
  /** Delete expired rows after this many writes. @default 1000 */
  readonly purgeEvery?: number;
}

const TEXT = 0;
const BYTES = 1;
const V8 = 2;

interface Statements {
  readonly get: StatementSync;
  readonly set: StatementSync;
  readonly delete: StatementSync;
  readonly clear: StatementSync;
  readonly clearPrefix: StatementSync;
  readonly purge: StatementSync;
  readonly page: StatementSync;
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

const PAGE = 100;

function prepare(db: DatabaseSync, table: string): Statements {
  db.exec(
    `CREATE TABLE IF NOT EXISTS ${table} (key TEXT PRIMARY KEY, value BLOB, kind INTEGER NOT NULL, expires INTEGER) WITHOUT ROWID`,
  );
  return {
    get: db.prepare(
      `SELECT value, kind FROM ${table} WHERE key = ? AND (expires IS NULL OR expires > ?)`,
    ),
    set: db.prepare(
      `INSERT OR REPLACE INTO ${table} (key, value, kind, expires) VALUES (?, ?, ?, ?)`,
    ),
    delete: db.prepare(`DELETE FROM ${table} WHERE key = ?`),
    clear: db.prepare(`DELETE FROM ${table}`),
    clearPrefix: db.prepare(`DELETE FROM ${table} WHERE substr(key, 1, ?) = ?`),
    purge: db.prepare(`DELETE FROM ${table} WHERE expires IS NOT NULL AND expires <= ?`),
    page: db.prepare(
      `SELECT key, value, kind FROM ${table} WHERE key > ? AND substr(key, 1, ?) = ? AND (expires IS NULL OR expires > ?) ORDER BY key LIMIT ${PAGE}`,
    ),
  };
}

function encode(value: unknown): [value: string | Uint8Array, kind: number] {
  if (typeof value === 'string') return [value, TEXT];
  if (value instanceof Uint8Array && value.constructor === Uint8Array) return [value, BYTES];
  if (Buffer.isBuffer(value)) return [value, BYTES];
  return [serialize(value), V8];
}

function decode(row: Record<string, unknown>): unknown {
  const value = row.value;
  if (row.kind === V8) return deserialize(value as Uint8Array);
  return value;
}

/**
 * A keyv-compatible store on Node's built-in `node:sqlite`: one file (WAL mode),
 * prepared statements, no native build. Strings and `Uint8Array`s are stored as is,
 * other values through `node:v8` serialisation. The cache's default persistent tier.
 * Passes keyv's published store suite (`@keyv/test-suite`), iterator tests included.
 */
export class SqliteStore implements KeyvStoreLike {
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
  readonly #purgeEvery: number;
  #writes = 0;
  #closed = false;

  /** @internal Use {@link openSqliteStore} or {@link createSqliteStore}. */
  constructor(db: DatabaseSync, table: string, purgeEvery: number, path: string) {
    this.opts = { dialect: 'sqlite', url: `sqlite://${path}`, table };
    this.#db = db;
    this.#sql = prepare(db, table);
    this.#purgeEvery = purgeEvery;
  }

  /** The stored value, or `undefined` when absent or expired. */
  async get(key: string): Promise<unknown> {
    return this.getSync(key);
  }

  /** Synchronous {@link SqliteStore.get}. */
  getSync(key: string): unknown {
    this.#open();
    const row = this.#sql.get.get(this.#key(key), Date.now());
    return row === undefined ? undefined : decode(row);
  }

  /** Values of `keys` in input order, `undefined` for absent ones. */
  async getMany(keys: string[]): Promise<unknown[]> {
    return keys.map((key) => this.getSync(key));
  }

  /** True when the key is present and not expired. */
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
    const [stored, kind] = encode(value);
    const expires = ttl !== undefined && ttl > 0 ? Date.now() + ttl : null;
    this.#sql.set.run(this.#key(key), stored, kind, expires);
    if (++this.#writes % this.#purgeEvery === 0) this.#sql.purge.run(Date.now());
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
    return Number(this.#sql.delete.run(this.#key(key)).changes) > 0;
  }

  /** Deletes several keys; resolves whether any existed. */
  async deleteMany(keys: string[]): Promise<boolean> {
    let any = false;
    this.#transaction(() => {
      for (const key of keys) any = Number(this.#sql.delete.run(this.#key(key)).changes) > 0 || any;
    });
    return any;
  }

  /** Deletes every entry, or only this namespace's entries when `namespace` is set. */
  async clear(): Promise<void> {
    this.#open();
    if (this.namespace === undefined) this.#sql.clear.run();
    else this.#sql.clearPrefix.run(this.namespace.length + 1, `${this.namespace}:`);
  }

  /**
   * Live entries as `[key, value]`, in key order, read a page at a time; only keys of
   * `namespace` (`namespace:…`) when given. `Keyv.iterator()` uses it.
   */
  async *iterator(namespace?: string): AsyncGenerator<[key: string, value: unknown]> {
    const prefix = namespace === undefined ? '' : `${namespace}:`;
    let after = '';
    for (;;) {
      this.#open();
      const rows = this.#sql.page.all(after, prefix.length, prefix, Date.now());
      for (const row of rows) yield [row.key as string, decode(row)];
      if (rows.length < PAGE) return;
      after = rows.at(-1)!.key as string;
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
 * constructed: WAL journal, `synchronous = NORMAL`.
 * @example
 * ```ts
 * const keyv = new Keyv({ store: openSqliteStore({ path: '.hotpath/keyv.sqlite' }) });
 * ```
 */
export function openSqliteStore(options: SqliteStoreOptions = {}): SqliteStore {
  const table = options.table ?? 'hotpath_cache';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) {
    throw new CacheArgumentError('options.table', 'letters, digits and underscores', table);
  }
  const path = options.path ?? resolve('.hotpath', 'cache.sqlite');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // Loaded on first use, so importing the package never loads (or warns about) node:sqlite.
  const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
  return new SqliteStore(db, table, options.purgeEvery ?? 1000, path);
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
