// Damages whole b-tree pages of a real SQLite file (SQLite then aborts any statement that touches
// them with SQLITE_CORRUPT) and lists the store with iterator(): rows on a damaged table page are
// skipped and reported one by one, a damaged key index is walked around through the table, and
// only where both are damaged does the iterator stop, with a typed error. Every entry it yields
// is right.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openSqliteStore, StoreCorruptError } from '@hotpath/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorEvents } from './corruption.ts';
import { tempDir } from './helpers.ts';

const TABLE = 'hotpath_cache';
const INDEX = `sqlite_autoindex_${TABLE}_1`;
/** NUL inside keys and the empty key: Node 22 reads TEXT only up to the first NUL. */
const keyOf = (i: number): string => (i === 0 ? '' : `k${String(i).padStart(4, '0')}\u0000é${i}`);
const valueAt = (i: number): string => `value ${i} ✓ \u0000 ${'x'.repeat(150)}`;
const COUNT = 600;

let dir: ReturnType<typeof tempDir>;
let path: string;
let pristine: Buffer;
let pageSize: number;

beforeAll(async () => {
  dir = tempDir();
  path = join(dir.path, 'pages.sqlite');
  const store = openSqliteStore({ path });
  for (let i = 0; i < COUNT; i++) await store.set(keyOf(i), valueAt(i));
  await store.close(); // the last connection to close checkpoints the WAL into the file
  pristine = readFileSync(path);
  pageSize = pristine.readUInt16BE(16);
});
afterAll(() => dir[Symbol.dispose]());

/** Leaf pages of a b-tree, in key order, from SQLite's own dbstat table. */
function leaves(name: string): number[] {
  const db = new DatabaseSync(path, { readOnly: true });
  const pages = db
    .prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path")
    .all(name)
    .map((row) => row.pageno as number);
  db.close();
  return pages;
}

function varint(bytes: Uint8Array, at: number): [value: number, length: number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = bytes[at + i]!;
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [value, i + 1];
  }
  return [value * 256 + bytes[at + 8]!, 9];
}

/** The rowids stored on a table leaf page (each cell: payload size, then rowid). */
function rowidsOn(page: number): number[] {
  const start = (page - 1) * pageSize;
  const count = pristine.readUInt16BE(start + 3);
  return Array.from({ length: count }, (_, i) => {
    const cell = start + pristine.readUInt16BE(start + 8 + 2 * i);
    const [, sizeLength] = varint(pristine, cell);
    return varint(pristine, cell + sizeLength)[0];
  });
}

/** Writes the pristine file with the given pages zeroed. */
function damage(...pages: number[]): void {
  const file = Buffer.from(pristine);
  for (const page of pages) file.fill(0, (page - 1) * pageSize, page * pageSize);
  writeFileSync(path, file);
  rmSync(`${path}-wal`, { force: true });
}

async function list(): Promise<{ entries: Map<string, unknown>; error?: unknown }> {
  await using store = openSqliteStore({ path });
  const entries = new Map<string, unknown>();
  try {
    for await (const [key, value] of store.iterator()) entries.set(key, value);
  } catch (error) {
    return { entries, error };
  }
  return { entries };
}

function expectRight(entries: Map<string, unknown>): void {
  for (const [key, value] of entries) {
    const i = key === '' ? 0 : Number(key.slice(1, 5));
    expect(key).toBe(keyOf(i));
    expect(value).toBe(valueAt(i));
  }
}

describe('iterator over damaged pages', () => {
  it('lists every key exactly, NUL inside and the empty key included, in key order', async () => {
    writeFileSync(path, pristine);
    const { entries, error } = await list();
    expect(error).toBeUndefined();
    expect([...entries.keys()]).toEqual(Array.from({ length: COUNT }, (_, i) => keyOf(i)));
    expectRight(entries);
  });

  it('a damaged table page costs only its rows: each is reported, every other row is listed', async () => {
    const pages = leaves(TABLE);
    expect(pages.length).toBeGreaterThan(10);
    const page = pages[Math.floor(pages.length / 2)]!;
    const lost = rowidsOn(page).map((rowid) => keyOf(rowid - 1)); // rowids follow insertion
    using events = new ErrorEvents();
    damage(page);
    const { entries, error } = await list();
    expect(error).toBeUndefined();
    expectRight(entries);
    expect(entries.size).toBe(COUNT - lost.length);
    for (const key of lost) expect(entries.has(key)).toBe(false);
    expect(events.take().map((event) => event.error.code)).toEqual(
      lost.map(() => 'HOTPATH_CACHE_INTEGRITY_FAILED'),
    );
  });

  it('a damaged key index page is walked around through the table: every row is listed', async () => {
    const pages = leaves(INDEX);
    expect(pages.length).toBeGreaterThan(1);
    using events = new ErrorEvents();
    damage(pages[0]!);
    const { entries, error } = await list();
    expect(error).toBeUndefined();
    expect([...entries.keys()]).toEqual(Array.from({ length: COUNT }, (_, i) => keyOf(i)));
    expectRight(entries);
    expect(events.take()).toEqual([]);
  });

  it('where the key index and the table are both damaged, it stops with StoreCorruptError', async () => {
    damage(leaves(INDEX)[1]!, leaves(TABLE).at(-1)!);
    const { entries, error } = await list();
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect((error as StoreCorruptError).code).toBe('HOTPATH_CACHE_STORE_CORRUPT');
    expectRight(entries);
    expect(entries.size).toBeGreaterThan(0);
  });
});

it('rows whose key column holds a BLOB are each reported once, and the listing ends', async () => {
  using dir = tempDir();
  const file = join(dir.path, 'blob-keys.sqlite');
  await using store = openSqliteStore({ path: file });
  const keys = Array.from({ length: 250 }, (_, i) => `key${String(i).padStart(3, '0')}`);
  for (const key of keys) await store.set(key, key);
  // 200 keys become BLOBs, which SQLite sorts after all text: pages of them follow the text.
  const db = new DatabaseSync(file);
  db.prepare(`UPDATE ${TABLE} SET key = CAST(key AS BLOB) WHERE key >= 'key050'`).run();
  db.close();
  using events = new ErrorEvents();
  const listed: unknown[] = [];
  for await (const entry of store.iterator()) listed.push(entry);
  expect(listed).toEqual(keys.slice(0, 50).map((key) => [key, key]));
  const codes = events.take().map((event) => event.error.code);
  expect(codes).toEqual(keys.slice(50).map(() => 'HOTPATH_CACHE_INTEGRITY_FAILED'));
});
