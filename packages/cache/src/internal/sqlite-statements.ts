import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { toStoredKey } from './stored-key.ts';

/** The store's prepared statements. */
export interface Statements {
  readonly get: StatementSync;
  readonly set: StatementSync;
  readonly delete: StatementSync;
  readonly clear: StatementSync;
  readonly clearRange: StatementSync;
  readonly purge: StatementSync;
  readonly page: StatementSync;
  readonly pageRange: StatementSync;
}

/** Rows per page of `iterator()`. */
export const PAGE = 100;
const COLUMNS = 'kind, expires, checksum, value';

/** Prepares the store's statements on `table` (created or migrated before). */
export function prepare(db: DatabaseSync, table: string): Statements {
  const page = `SELECT key, ${COLUMNS} FROM ${table} WHERE key > ?`;
  return {
    get: db.prepare(`SELECT ${COLUMNS} FROM ${table} WHERE key = ?`),
    set: db.prepare(
      `INSERT INTO ${table} (key, kind, expires, checksum, value) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, kind = excluded.kind,
       expires = excluded.expires, checksum = excluded.checksum`,
    ),
    delete: db.prepare(`DELETE FROM ${table} WHERE key = ?`),
    clear: db.prepare(`DELETE FROM ${table}`),
    // Key ranges, not substr(): SQLite counts characters where JavaScript counts UTF-16 units.
    clearRange: db.prepare(`DELETE FROM ${table} WHERE key >= ? AND key < ?`),
    purge: db.prepare(`DELETE FROM ${table} WHERE expires IS NOT NULL AND expires <= ?`),
    page: db.prepare(`${page} ORDER BY key LIMIT ${PAGE}`),
    pageRange: db.prepare(`${page} AND key >= ? AND key < ? ORDER BY key LIMIT ${PAGE}`),
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
