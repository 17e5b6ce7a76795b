// The embedded SQLite L2 store against raw node:sqlite prepared statements and keyv layered on the same store.
// keyv with @keyv/sqlite (a native addon built from source) is compared in cache-sqlite-keyv.bench.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { Scenario } from '@hotpath/bench';
import { createSqliteStore, type SqliteStore } from '@hotpath/cache';
import { Keyv } from 'keyv';

const BATCH = 10;
const KEYS = Array.from({ length: 1000 }, (_, i) => `doc:${i}`);
const VALUE = Buffer.alloc(2048, 7);

interface Fixture {
  dir: string;
  store: SqliteStore;
  keyv: Keyv;
  db: DatabaseSync;
  get: StatementSync;
  set: StatementSync;
}

function openRaw(path: string): Pick<Fixture, 'db' | 'get' | 'set'> {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  db.exec(
    'CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value BLOB, expires INTEGER) WITHOUT ROWID',
  );
  return {
    db,
    get: db.prepare('SELECT value FROM kv WHERE key = ? AND (expires IS NULL OR expires > ?)'),
    set: db.prepare('INSERT OR REPLACE INTO kv (key, value, expires) VALUES (?, ?, ?)'),
  };
}

function scenarios(): Scenario[] {
  const f = {} as Fixture;
  let i = 0;
  const next = (): string => KEYS[i++ % KEYS.length]!;
  const setup = async (): Promise<void> => {
    f.dir = mkdtempSync(join(tmpdir(), 'hotpath-bench-sqlite-'));
    f.store = await createSqliteStore({ path: join(f.dir, 'hotpath.sqlite') });
    f.keyv = new Keyv({ store: await createSqliteStore({ path: join(f.dir, 'keyv.sqlite') }) });
    Object.assign(f, openRaw(join(f.dir, 'raw.sqlite')));
    for (const key of KEYS) {
      await f.store.set(key, VALUE);
      await f.keyv.set(key, VALUE);
      f.set.run(key, VALUE, null);
    }
  };
  const teardown = async (): Promise<void> => {
    await f.store.disconnect();
    await f.keyv.disconnect();
    f.db.close();
    rmSync(f.dir, { recursive: true, force: true });
  };
  const get: Scenario = {
    name: `cache: SQLite L2 get of 2 KB values (${BATCH} per call)`,
    itemsPerCall: BATCH,
    setup,
    tasks: {
      'hotpath SqliteStore get': async () => {
        for (let n = 0; n < BATCH; n++) await f.store.get(next());
      },
      'node:sqlite prepared get': () => {
        for (let n = 0; n < BATCH; n++) f.get.get(next(), Date.now());
      },
      'keyv over SqliteStore get': async () => {
        for (let n = 0; n < BATCH; n++) await f.keyv.get(next());
      },
    },
    targets: [{ task: 'hotpath SqliteStore get', peer: 'node:sqlite prepared get', min: 0.8 }],
  };
  const set: Scenario = {
    name: `cache: SQLite L2 set of 2 KB values (${BATCH} per call)`,
    itemsPerCall: BATCH,
    teardown,
    tasks: {
      'hotpath SqliteStore set': async () => {
        for (let n = 0; n < BATCH; n++) await f.store.set(next(), VALUE, 60_000);
      },
      'node:sqlite prepared set': () => {
        for (let n = 0; n < BATCH; n++) f.set.run(next(), VALUE, Date.now() + 60_000);
      },
      'keyv over SqliteStore set': async () => {
        for (let n = 0; n < BATCH; n++) await f.keyv.set(next(), VALUE, 60_000);
      },
    },
    targets: [{ task: 'hotpath SqliteStore set', peer: 'node:sqlite prepared set', min: 0.8 }],
  };
  return [get, set];
}

export default scenarios();
