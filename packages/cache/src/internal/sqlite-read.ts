import { IntegrityError, StoreCorruptError } from '../errors.ts';
import { type ListedRow, UnlistableError } from './sqlite-listing.ts';
import { decodeValue, isIntact, type StoredRow, utf8 } from './sqlite-row.ts';
import { fromStoredKey } from './stored-key.ts';

/** The value of a row read for `stored` (`key` to the user): as `SqliteStore.getVerified` has it. */
export function rowValue(
  row: StoredRow,
  stored: string,
  key: string,
  now: number,
  verify: boolean,
): unknown {
  if (verify && !isIntact(row, stored)) return new IntegrityError(key, 'checksum mismatch');
  return liveValue(row, key, now);
}

/** The value of an intact row; `undefined` when expired, an error when undecodable. */
function liveValue(row: StoredRow, key: string, now: number): unknown {
  const expires = row[1];
  if (expires !== null && (expires as number) <= now) return undefined;
  try {
    return decodeValue(row[3] as Uint8Array, row[0] as number);
  } catch (cause) {
    return new IntegrityError(key, 'undecodable value', { cause });
  }
}

/** A listed row's key, and its value as `SqliteStore.getVerified` has it. */
export function listedEntry(
  listed: ListedRow,
  now: number,
  verify: boolean,
): [key: string, value: unknown] {
  const { key: bytes, row } = listed;
  const stored = utf8(bytes);
  const key = fromStoredKey(stored);
  if (listed.type !== 'text') return [key, new IntegrityError(key, 'key is not text')];
  if (row instanceof Error) {
    return [key, new IntegrityError(key, 'SQLite could not read the row', { cause: row })];
  }
  if (verify && !isIntact(row, stored, bytes)) {
    return [key, new IntegrityError(key, 'checksum mismatch')];
  }
  return [key, liveValue(row, key, now)];
}

/** The next page of a listing, `undefined` at its end; {@link StoreCorruptError} past damage. */
export function nextPage(pages: Generator<ListedRow[]>, url: string): ListedRow[] | undefined {
  try {
    const next = pages.next();
    return next.done ? undefined : next.value;
  } catch (error) {
    if (!(error instanceof UnlistableError)) throw error;
    const after = typeof error.after === 'string' ? error.after : utf8(error.after);
    throw new StoreCorruptError(url, fromStoredKey(after), { cause: error.cause });
  }
}
