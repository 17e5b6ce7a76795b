// Corrupts stored SQLite rows through a second connection on the real file, at every offset of
// every column, and reads them back through the store alone and through the cache: each read is
// a miss with an error event, or the right value; never a wrong value.
import { join } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import { type Cache, createCache, openSqliteStore, type SqliteStore } from '@hotpath/cache';
import { seededRandom } from '@hotpath/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CorruptionPlan, corruptions, ErrorEvents } from './corruption.ts';
import { tempDir } from './helpers.ts';

const random = seededRandom(16);
const randomBytes = (n: number): Buffer =>
  Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));

const HOUR = 3_600_000;
/** Rows the store alone writes: several value kinds and sizes, with and without expiry. */
const aloneRows: [key: string, value: unknown, ttlMs: number | undefined, plan: CorruptionPlan][] =
  [
    ['é:text', 'héllo wörld ✓ 😀 \u0000 end', HOUR, {}],
    ['bytes', Uint8Array.from(randomBytes(13)), undefined, {}],
    ['buf:2k', randomBytes(2048), undefined, {}],
    ['obj', { when: new Date(7), n: 3n, map: new Map([[1, 'one']]), s: 'a\uD800' }, HOUR, {}],
    ['\uD800lone-key', 'value under an ill-formed key', undefined, {}],
    ['buf:16k', randomBytes(16_384), undefined, { everyBit: false, ranges: [4], truncateStep: 64 }],
  ];
/** Rows the cache writes (entries in its envelope). */
const cacheRows: [key: string, value: unknown, plan: CorruptionPlan][] = [
  ['user:1', { name: 'Ada', joined: new Date('2024-02-03T04:05:06Z') }, {}],
  ['blob', randomBytes(2048), {}],
];

interface Row {
  key: string;
  value: Uint8Array;
  kind: number;
  expires: number | null;
  checksum: number;
}

let dir: ReturnType<typeof tempDir>;
let db: DatabaseSync;
let store: SqliteStore;
let entries: SqliteStore;
let reader: Cache;
let events: ErrorEvents;

beforeAll(async () => {
  dir = tempDir();
  const path = join(dir.path, 'corrupt.sqlite');
  store = openSqliteStore({ path, table: 'alone' });
  for (const [key, value, ttl] of aloneRows) await store.set(key, value, ttl);
  const writer = await createCache({ l2: openSqliteStore({ path }) });
  for (const [key, value] of cacheRows) await writer.set(key, value, { ttlMs: HOUR, tags: ['t'] });
  await writer.set('filler', 'evicts the key read before');
  await writer.close();
  // L1 holds one entry: reading `filler` after each check keeps the next read on L2.
  reader = await createCache({ l2: openSqliteStore({ path }), max: 1 });
  entries = openSqliteStore({ path });
  db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA busy_timeout = 5000;');
  events = new ErrorEvents();
});
afterAll(async () => {
  events[Symbol.dispose]();
  await reader.close();
  await store.close();
  await entries.close();
  db.close();
  dir[Symbol.dispose]();
});

/** The key as the store keeps it: a lone surrogate is escaped as U+FFFF and four hex digits. */
const storedKey = (key: string): string => key.replace('\uD800', '\uFFFFd800');

function storedRow(table: string, key: string): Row {
  key = storedKey(key);
  const row = db.prepare(`SELECT key, value, kind, expires, checksum FROM ${table} WHERE key = ?`);
  return row.get(key) as unknown as Row;
}

function update(table: string, column: string, value: SQLInputValue, key: string, cast = ''): void {
  const target = cast === '' ? '?' : `CAST(? AS ${cast})`;
  db.prepare(`UPDATE ${table} SET ${column} = ${target} WHERE key = ?`).run(value, key);
}

function int64(value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, BigInt(value));
  return bytes;
}

function fromInt64(bytes: Uint8Array): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset).getBigInt64(0);
}

/** Reads `key` and checks the outcome: the right value, or a miss with one integrity event. */
type Check = (key: string, what: string) => Promise<'right' | 'miss'>;

function expectMissWithEvent(what: string): 'miss' {
  const seen = events.take();
  expect(
    seen.map((e) => e.error.code),
    what,
  ).toEqual(['HOTPATH_CACHE_INTEGRITY_FAILED']);
  return 'miss';
}

function checkAlone(expected: unknown, from: SqliteStore = store): Check {
  return async (key, what) => {
    const value = await from.get(key);
    if (value === undefined) return expectMissWithEvent(what);
    expect(value, what).toStrictEqual(expected);
    expect(events.take(), what).toEqual([]);
    return 'right';
  };
}

/** Reads through the cache, then the entry's bytes through the store alone: both agree. */
function checkCached(expected: unknown, bytes: Uint8Array): Check {
  const alone = checkAlone(bytes, entries);
  return async (key, what) => {
    const value = await readCached(key);
    const outcome = value === undefined ? expectMissWithEvent(what) : 'right';
    if (outcome === 'right') expect(value, what).toStrictEqual(expected);
    expect(await alone(key, `${what} (store alone)`), what).toBe(outcome);
    return outcome;
  };
}

/** Corrupts every column of the row at every offset; resolves how many reads were misses. */
async function corruptRow(table: string, key: string, plan: CorruptionPlan, check: Check) {
  const stored = storedRow(table, key);
  const outcomes = { right: 0, miss: 0 };
  const count = (outcome: 'right' | 'miss') => outcomes[outcome]++;
  for (const { what, bytes } of corruptions(stored.value, plan)) {
    update(table, 'value', bytes, stored.key);
    count(await check(key, `value: ${what}`));
  }
  update(table, 'value', stored.value, stored.key);
  for (const column of ['kind', 'expires', 'checksum'] as const) {
    const original = stored[column];
    const plan = { ranges: [2, 4], resize: false };
    for (const { what, bytes } of corruptions(int64(original ?? 0), plan)) {
      update(table, column, fromInt64(bytes), stored.key);
      count(await check(key, `${column}: ${what}`));
    }
    // Other types; the column's INTEGER affinity turns '123' back into 123 (then it reads right).
    for (const other of [null, 'text', 1.5, Uint8Array.of(1)]) {
      if (other === null && column !== 'expires') continue;
      update(table, column, other === 'text' ? String(original) : other, stored.key);
      count(await check(key, `${column}: ${String(other)}`));
    }
    update(table, column, original, stored.key);
  }
  return outcomes;
}

/** Corrupts the key column's bytes: the original key then misses, the damaged key never hits. */
async function corruptKey(table: string, key: string, read: (key: string) => Promise<unknown>) {
  const stored = storedRow(table, key);
  const keyBytes = Buffer.from(stored.key, 'utf8');
  let moved = 0;
  for (const { what, bytes } of corruptions(keyBytes, { ranges: [2, 4] })) {
    try {
      update(table, 'key', bytes, stored.key, 'TEXT');
    } catch {
      continue; // the damaged key equals another row's key: the UNIQUE index refuses it
    }
    moved++;
    const [damaged] = db.prepare(`SELECT key FROM ${table} WHERE key = CAST(? AS TEXT)`).all(bytes);
    expect(await read(key), `${what}, read by the original key`).toBeUndefined();
    if (typeof damaged?.key === 'string' && damaged.key !== '') {
      expect(await read(damaged.key), `${what}, read by the damaged key`).toBeUndefined();
    }
    events.take();
    db.prepare(`UPDATE ${table} SET key = ? WHERE key = CAST(? AS TEXT)`).run(stored.key, bytes);
  }
  return moved;
}

const readCached = async (key: string): Promise<unknown> => {
  const value = await reader.get(key);
  await reader.get('filler');
  return value;
};

describe('corrupting SQLite rows through the driver', () => {
  for (const [key, value, , plan] of aloneRows) {
    it(`store alone, ${JSON.stringify(key)}: every corruption of every column reads as a miss with an event`, async () => {
      const outcomes = await corruptRow('alone', key, plan, checkAlone(value));
      // Only rewrites that change nothing read right: '123' stored in an INTEGER column is 123.
      expect(outcomes.right).toBeLessThanOrEqual(4);
      expect(outcomes.miss).toBeGreaterThan(300);
      expect(await store.get(key)).toStrictEqual(value);
    });
  }

  for (const [key, value, plan] of cacheRows) {
    it(`cache entry ${JSON.stringify(key)}: every corruption reads as a miss with an event, through the cache and the store`, async () => {
      const bytes = Buffer.from(storedRow('hotpath_cache', key).value); // the cache writes Buffers
      const outcomes = await corruptRow('hotpath_cache', key, plan, checkCached(value, bytes));
      expect(outcomes.right).toBeLessThanOrEqual(4);
      expect(outcomes.miss).toBeGreaterThan(1000);
      expect(await reader.get(key)).toStrictEqual(value);
      expect(reader.stats().l2.decodeErrors).toBeGreaterThanOrEqual(outcomes.miss);
    });
  }

  it('a damaged key column never returns the value under another key', async () => {
    const readAlone = (key: string) => store.get(key);
    expect(await corruptKey('alone', aloneRows[0]![0], readAlone)).toBeGreaterThan(50);
    expect(await corruptKey('alone', aloneRows[4]![0], readAlone)).toBeGreaterThan(100);
    expect(await corruptKey('hotpath_cache', cacheRows[0]![0], readCached)).toBeGreaterThan(40);
    const readEntry = (key: string) => entries.get(key);
    expect(await corruptKey('hotpath_cache', cacheRows[0]![0], readEntry)).toBeGreaterThan(40);
  });
});
