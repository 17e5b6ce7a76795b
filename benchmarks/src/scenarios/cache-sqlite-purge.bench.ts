// What looking for expired rows costs the SQLite store's writes on a large table: 100,000 rows with
// a ttl, overwritten with new values (high-entropy non-ASCII keys, values of 1–64 B and 256 B–4 KB,
// 9:1). The store sweeps 2,000 rows every 1,000 writes (its default purgeEvery); the raw floor is a
// prepared upsert that never purges; the store before this change ran `DELETE … WHERE expires <=
// now`, a scan of the whole table, every 1,000 writes, measured here with raw statements on the
// same table. Nothing expires during the run, so both purges measure the cost of looking (deleting
// a row that did expire costs about a write either way). One call is 1,000 writes, so every call
// includes exactly one purge (the harness reports the median call): run it with --time 500. The
// files live on tmpfs (/dev/shm) where there is one: on a shared disk, the fsync of WAL checkpoints
// varied the write time by 2× from round to round and drowned what the purge costs.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Scenario } from '@hotpath/bench';
import { openSqliteStore, type SqliteStore } from '@hotpath/cache';
import { type KvWorkload, kvWorkload, type SizeMix } from '../fixtures/kv-workload.ts';

const ROWS = 100_000;
const PURGE_EVERY = 1000;
/** Longer than the run: nothing expires while it is measured. */
const TTL = 3_600_000;
/** Small and medium values, so 100,000 rows stay a file of tens of MB. */
const SIZES: SizeMix = [
  [9, 1, 64],
  [1, 256, 4096],
];
const COLUMNS =
  'key TEXT NOT NULL PRIMARY KEY, kind INTEGER NOT NULL, expires INTEGER, checksum INTEGER NOT NULL, value BLOB NOT NULL';

interface Raw {
  db: DatabaseSync;
  upsert: StatementSync;
  purge: StatementSync;
}

interface Fixture {
  work: KvWorkload;
  dir: string;
  store: SqliteStore;
  raw: Raw;
  scanned: Raw;
}

/** A table of the store's layout, written with raw statements. */
function openRaw(path: string): Raw {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  db.exec(`CREATE TABLE kv (${COLUMNS})`);
  return {
    db,
    upsert: db.prepare(
      `INSERT INTO kv (key, kind, expires, checksum, value) VALUES (?, 3, ?, 0, ?)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires`,
    ),
    purge: db.prepare('DELETE FROM kv WHERE expires IS NOT NULL AND expires <= ?'),
  };
}

/** Writes every key into every table, each row with a ttl. */
async function fill(f: Fixture, path: string): Promise<void> {
  const filler = openSqliteStore({ path });
  await filler.setMany(f.work.keys.map((key, i) => ({ key, value: f.work.initial[i]!, ttl: TTL })));
  await filler.close();
  const expires = Date.now() + TTL;
  for (const raw of [f.raw, f.scanned]) {
    raw.db.exec('BEGIN');
    for (const [i, key] of f.work.keys.entries()) {
      raw.upsert.run(key, expires, Buffer.from(f.work.initial[i]!));
    }
    raw.db.exec('COMMIT');
  }
}

/** Runs `write(i)` PURGE_EVERY times per call, on a cursor of its own. */
function writes(write: (i: number) => void, after?: () => void): () => void {
  let i = 0;
  return () => {
    for (const end = i + PURGE_EVERY; i < end; i++) write(i);
    after?.();
  };
}

function scenario(): Scenario {
  const f = {} as Fixture;
  const bytes = (i: number) => {
    const value = f.work.value(i);
    return typeof value === 'string' ? Buffer.from(value) : value;
  };
  return {
    name: `cache: SQLite store overwrites on a ${ROWS.toLocaleString('en')}-row table with a ttl on every row, ${PURGE_EVERY} writes per call`,
    itemsPerCall: PURGE_EVERY,
    setup: async () => {
      f.work = kvWorkload(0x5eed, SIZES, ROWS);
      const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
      f.dir = mkdtempSync(join(base, 'hotpath-bench-purge-'));
      const path = join(f.dir, 'store.sqlite');
      f.raw = openRaw(join(f.dir, 'raw.sqlite'));
      f.scanned = openRaw(join(f.dir, 'scanned.sqlite'));
      await fill(f, path);
      f.store = openSqliteStore({ path, purgeEvery: PURGE_EVERY });
    },
    teardown: async () => {
      await f.store.close();
      f.raw.db.close();
      f.scanned.db.close();
      rmSync(f.dir, { recursive: true, force: true });
    },
    tasks: {
      'hotpath SqliteStore set (sweeps 2,000 rows per 1,000 writes)': writes((i) =>
        f.store.setSync(f.work.existing(i), f.work.value(i), TTL),
      ),
      'node:sqlite prepared upsert, no purge (floor)': writes((i) =>
        f.raw.upsert.run(f.work.existing(i), Date.now() + TTL, bytes(i)),
      ),
      'node:sqlite upsert + full-scan purge every 1,000 writes (the store before)': writes(
        (i) => f.scanned.upsert.run(f.work.existing(i), Date.now() + TTL, bytes(i)),
        () => f.scanned.purge.run(Date.now()),
      ),
    },
    targets: [
      {
        task: 'hotpath SqliteStore set (sweeps 2,000 rows per 1,000 writes)',
        peer: 'node:sqlite prepared upsert, no purge (floor)',
        min: 0.8,
      },
    ],
  };
}

export default scenario();
