import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { toStoredKey } from './stored-key.ts';

/**
 * A statement whose rows come back as arrays of their columns. SQLite's row objects have
 * dictionary properties, slow to create and to read; `setReturnArrays` (Node ≥ 22.16) avoids
 * them, and on older Node each row is converted (`Object.values` keeps the column order).
 */
export class RowReader {
  readonly #statement: StatementSync;
  readonly #arrays: boolean;

  constructor(statement: StatementSync) {
    this.#statement = statement;
    this.#arrays = typeof statement.setReturnArrays === 'function';
    if (this.#arrays) statement.setReturnArrays(true);
  }

  /** The first row for one parameter, or `undefined`. */
  get(param: SQLInputValue): unknown[] | undefined {
    const row = this.#statement.get(param) as unknown;
    if (this.#arrays || row === undefined) return row as unknown[] | undefined;
    return Object.values(row as object);
  }

  /** Every row. */
  all(...params: SQLInputValue[]): unknown[][] {
    const rows = this.#statement.all(...params) as unknown[];
    return this.#arrays ? (rows as unknown[][]) : rows.map((row) => Object.values(row as object));
  }
}

/** The store's prepared statements. */
export interface Statements {
  /** A stored key's row: kind, expires, checksum, value. */
  readonly get: RowReader;
  readonly set: StatementSync;
  readonly delete: StatementSync;
  readonly clear: StatementSync;
  readonly clearRange: StatementSync;
  /** A row by rowid, as `get` has it. */
  readonly byRowid: RowReader;
  /**
   * A page of rows from a lower bound on (key ≥ ?1, compared as text when ?2, else as a BLOB),
   * below ?3 when given: key bytes, key type, then the row as `get` has it.
   */
  readonly page: RowReader;
  readonly pageRange: RowReader;
  /** The same page's key bytes, key types and rowids, from the key index alone. */
  readonly keys: RowReader;
  readonly keysRange: RowReader;
  /** The same, from the table without its key index (a full scan, for a damaged index). */
  readonly scan: RowReader;
  readonly scanRange: RowReader;
}

/** Rows per page of `iterator()`. */
export const PAGE = 100;
const COLUMNS = 'kind, expires, checksum, value';
/** Keys are read as BLOBs: Node 22 reads TEXT only up to its first NUL. */
const KEY = 'CAST(key AS BLOB), typeof(key)';
const FROM = 'key >= (CASE WHEN ?2 THEN CAST(?1 AS TEXT) ELSE ?1 END)';

function pages(
  db: DatabaseSync,
  table: string,
  what: string,
  index = '',
): [all: RowReader, range: RowReader] {
  const select = `SELECT ${KEY}, ${what} FROM ${table} ${index} WHERE ${FROM}`;
  const order = `ORDER BY key LIMIT ${PAGE}`;
  return [
    new RowReader(db.prepare(`${select} ${order}`)),
    new RowReader(db.prepare(`${select} AND key < ?3 ${order}`)),
  ];
}

/** Prepares the store's statements on `table` (created or migrated before). */
export function prepare(db: DatabaseSync, table: string): Statements {
  const [page, pageRange] = pages(db, table, COLUMNS);
  const [keys, keysRange] = pages(db, table, 'rowid');
  const [scan, scanRange] = pages(db, table, 'rowid', 'NOT INDEXED');
  return {
    get: new RowReader(db.prepare(`SELECT ${COLUMNS} FROM ${table} WHERE key = ?`)),
    set: db.prepare(
      `INSERT INTO ${table} (key, kind, expires, checksum, value) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, kind = excluded.kind,
       expires = excluded.expires, checksum = excluded.checksum`,
    ),
    delete: db.prepare(`DELETE FROM ${table} WHERE key = ?`),
    clear: db.prepare(`DELETE FROM ${table}`),
    // Key ranges, not substr(): SQLite counts characters where JavaScript counts UTF-16 units.
    clearRange: db.prepare(`DELETE FROM ${table} WHERE key >= ? AND key < ?`),
    byRowid: new RowReader(db.prepare(`SELECT ${COLUMNS} FROM ${table} WHERE rowid = ?`)),
    page,
    pageRange,
    keys,
    keysRange,
    scan,
    scanRange,
  };
}

/** The stored keys of a keyv namespace: from `namespace:` up to (not including) `namespace;`. */
export function namespaceRange(namespace: string): [from: string, to: string] {
  const stem = toStoredKey(namespace);
  return [`${stem}:`, `${stem};`];
}

/** SQLite reports a damaged page or an integer beyond 2⁵³ in a row: that read's row is corrupt. */
export function isCorruptRead(error: unknown): boolean {
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  return code === 'ERR_OUT_OF_RANGE' || (typeof errcode === 'number' && (errcode & 0xff) === 11);
}
