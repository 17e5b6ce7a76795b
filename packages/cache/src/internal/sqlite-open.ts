import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { StoreOpenError } from '../errors.ts';

/** Opens the file in WAL mode; any failure of node:sqlite here is a {@link StoreOpenError}. */
export function openDatabase(path: string, busyTimeoutMs: number): DatabaseSync {
  // Loaded on first use, so importing the package never loads (or warns about) node:sqlite.
  const { DatabaseSync } = process.getBuiltinModule('node:sqlite');
  let db: DatabaseSync | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new DatabaseSync(path);
    // busy_timeout first: switching to WAL itself may wait for another connection's lock.
    db.exec(
      `PRAGMA busy_timeout = ${busyTimeoutMs}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;`,
    );
    return db;
  } catch (cause) {
    db?.close();
    throw new StoreOpenError(path, { cause });
  }
}

/** True for an error thrown by node:sqlite itself. */
export function isSqliteError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_SQLITE_ERROR';
}
