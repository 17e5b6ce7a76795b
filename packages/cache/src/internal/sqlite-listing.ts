import type { StoredRow } from './sqlite-row.ts';
import type { RowReader } from './sqlite-statements.ts';
import { isCorruptRead, PAGE, type Statements } from './sqlite-statements.ts';

// SQLite aborts a statement on the first damaged b-tree page it touches (SQLITE_CORRUPT): it cannot
// skip a page. A page of rows reads the key index and the table (and overflow pages), so when it
// fails the listing narrows the damage down: the page's keys and rowids from the key index alone
// (a covering index, no table page read), then each row by rowid, so a damaged table or overflow
// page costs only the rows stored on it. When the key index itself is damaged there, the keys come
// from a scan of the table instead (slow, and only for the pages around the damage). When both
// fail, nothing after that point can be listed in key order: the listing throws.

/** One row reached by the listing. */
export interface ListedRow {
  /** The key column's bytes (the UTF-8 of the stored key when intact). */
  readonly key: Uint8Array;
  /** The key column's SQLite type: `'text'` unless the file was corrupted. */
  readonly type: unknown;
  /** The row, or what SQLite raised reading it (a damaged page, an out-of-range integer). */
  readonly row: StoredRow | Error;
}

/** Where the next page starts: key ≥ `at`, compared as text (`text`) or as a BLOB. */
interface Cursor {
  readonly at: Uint8Array | string;
  readonly text: boolean;
}

/** Thrown when neither the key index nor the table can be read past `after`. */
export class UnlistableError extends Error {
  /** The bytes of the last key listed before the damage ('' at the start). */
  readonly after: Uint8Array | string;

  constructor(after: Uint8Array | string, cause: unknown) {
    super('SQLite could not read the key index nor the table here', { cause });
    this.after = after;
  }
}

function read(pages: readonly [RowReader, RowReader], cursor: Cursor, to?: string): unknown[][] {
  const text = cursor.text ? 1 : 0;
  return to === undefined ? pages[0].all(cursor.at, text) : pages[1].all(cursor.at, text, to);
}

/** `call()`, or `undefined` when SQLite reported a damaged page; other errors propagate. */
function unlessCorrupt<T>(call: () => T): T | undefined {
  try {
    return call();
  } catch (error) {
    if (isCorruptRead(error)) return undefined;
    throw error;
  }
}

function wholePage(sql: Statements, cursor: Cursor, to?: string): ListedRow[] | undefined {
  const rows = unlessCorrupt(() => read([sql.page, sql.pageRange], cursor, to));
  return rows?.map((row) => ({
    key: row[0] as Uint8Array,
    type: row[1],
    row: row.slice(2) as unknown as StoredRow,
  }));
}

function keysOf(sql: Statements, cursor: Cursor, to?: string): unknown[][] {
  const fromIndex = unlessCorrupt(() => read([sql.keys, sql.keysRange], cursor, to));
  if (fromIndex !== undefined) return fromIndex;
  try {
    return read([sql.scan, sql.scanRange], cursor, to);
  } catch (error) {
    if (isCorruptRead(error)) throw new UnlistableError(cursor.at, error);
    throw error;
  }
}

function byRowid(sql: Statements, rowid: unknown): StoredRow | Error {
  try {
    const row = sql.byRowid.get(rowid as number) as StoredRow | undefined;
    return row ?? new Error('the key index names a row the table does not have');
  } catch (error) {
    if (isCorruptRead(error)) return error as Error;
    throw error;
  }
}

function rowByRow(sql: Statements, cursor: Cursor, to?: string): ListedRow[] {
  return keysOf(sql, cursor, to).map(([key, type, rowid]) => ({
    key: key as Uint8Array,
    type,
    row: byRowid(sql, rowid),
  }));
}

/** The smallest key after `row`'s in SQLite's order: its bytes and a NUL, of the same type. */
function after(row: ListedRow): Cursor {
  const next = new Uint8Array(row.key.length + 1);
  next.set(row.key);
  return { at: next, text: row.type === 'text' };
}

/**
 * Pages of the rows with keys from `from` on (below `to` when given), in key order, each row with
 * its columns or the error it raised; a page is read when asked for. Throws
 * {@link UnlistableError} where the key index and the table are both damaged.
 */
export function* listPages(sql: Statements, from: string, to?: string): Generator<ListedRow[]> {
  let cursor: Cursor | undefined = { at: from, text: true };
  while (cursor !== undefined) {
    const rows: ListedRow[] = wholePage(sql, cursor, to) ?? rowByRow(sql, cursor, to);
    yield rows;
    cursor = rows.length < PAGE ? undefined : after(rows.at(-1)!);
  }
}
