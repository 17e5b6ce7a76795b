import type { DatabaseSync } from 'node:sqlite';
import { CacheArgumentError } from '../errors.ts';
import { rowChecksum, utf8 } from './sqlite-row.ts';
import { toStoredKey } from './stored-key.ts';

// A rowid table with a unique key index, not WITHOUT ROWID: cached values are often kilobytes,
// and SQLite keeps large rows of a WITHOUT ROWID table in its index b-tree, which measured 3–4×
// slower gets and up to 7× slower overwrites for 2–16 KB values (and the same for tiny ones).
// The small columns come before the value: a row's local part then holds them, and the purge
// (`expires <= now`, a scan) never follows a large value's overflow pages to reach `expires`.
const COLUMNS =
  'key TEXT NOT NULL PRIMARY KEY, kind INTEGER NOT NULL, expires INTEGER, checksum INTEGER NOT NULL, value BLOB NOT NULL';
const CURRENT = 'key,kind,expires,checksum,value';
/** The first version's layout: WITHOUT ROWID, no checksum, strings as TEXT. */
const FIRST = 'key,value,kind,expires';

type Layout = 'missing' | 'current' | 'first' | 'foreign';

function layoutOf(db: DatabaseSync, table: string): Layout {
  const columns = db
    .prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid')
    .all(table)
    .map((row) => row.name)
    .join(',');
  if (columns === '') return 'missing';
  if (columns === CURRENT) return 'current';
  return columns === FIRST ? 'first' : 'foreign';
}

// Keys and TEXT values are read as BLOBs (their UTF-8 bytes): Node 22 reads TEXT only up to its
// first NUL, which would migrate 'a\0b' as 'a' under a new, valid checksum.
const FIRST_ROWS =
  'CAST(key AS BLOB) AS key, typeof(key) AS keyType, CAST(value AS BLOB) AS value, typeof(value) AS valueType, kind, expires';

/**
 * Copies a first-version table into the current layout: live rows only, keys escaped,
 * TEXT values as UTF-8 bytes, each row given its checksum. What that version had already
 * lost (a Buffer read back as a Uint8Array, lone surrogates stored as U+FFFD) stays lost.
 */
function migrateFirst(db: DatabaseSync, table: string): void {
  const next = `${table}__hotpath_next`;
  db.exec(`DROP TABLE IF EXISTS ${next}; CREATE TABLE ${next} (${COLUMNS})`);
  const insert = db.prepare(
    `INSERT INTO ${next} (key, kind, expires, checksum, value) VALUES (?, ?, ?, ?, ?)`,
  );
  const rows = db
    .prepare(`SELECT ${FIRST_ROWS} FROM ${table} WHERE expires IS NULL OR expires > ?`)
    .iterate(Date.now());
  for (const row of rows) {
    const { keyType, valueType } = row;
    const value = row.value as Uint8Array;
    if (keyType !== 'text' || !(valueType === 'text' || valueType === 'blob')) continue;
    if (typeof row.kind !== 'number') continue;
    const key = toStoredKey(utf8(row.key as Uint8Array));
    const expires = typeof row.expires === 'number' ? row.expires : null;
    insert.run(key, row.kind, expires, rowChecksum(key, row.kind, expires, value), value);
  }
  db.exec(`DROP TABLE ${table}; ALTER TABLE ${next} RENAME TO ${table}`);
}

function upgrade(db: DatabaseSync, table: string): void {
  const layout = layoutOf(db, table);
  if (layout === 'missing') db.exec(`CREATE TABLE ${table} (${COLUMNS})`);
  else if (layout === 'first') migrateFirst(db, table);
  else if (layout === 'foreign') {
    throw new CacheArgumentError('options.table', 'a table created by the SQLite store', table);
  }
}

/**
 * Creates the table, or migrates one written by the first version, in one write transaction
 * (so two processes opening an old file at once migrate it once). A table of any other
 * layout is refused rather than written over.
 */
export function ensureTable(db: DatabaseSync, table: string): void {
  if (layoutOf(db, table) === 'current') return;
  db.exec('BEGIN IMMEDIATE');
  try {
    upgrade(db, table);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
