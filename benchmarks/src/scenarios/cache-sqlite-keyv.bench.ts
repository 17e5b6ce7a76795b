// The embedded SQLite L2 store against what a keyv user picks for the same job: keyv with @keyv/sqlite
// (latest release, 4.0.8, on the native sqlite3 addon; no release runs on node:sqlite yet).
// Its addon is built from source by `cd benchmarks && npx -y pnpm@10 run native-peers`; without it
// setup fails and says so, it never skips. Both stores get the same pragmas (WAL, synchronous NORMAL):
// @keyv/sqlite's defaults (rollback journal, synchronous FULL) sync every write and would inflate
// the set ratio. `keyv over SqliteStore` is hotpath's store behind the same Keyv wrapper.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scenario } from '@hotpath/bench';
import { createSqliteStore, type SqliteStore } from '@hotpath/cache';
import { Keyv } from 'keyv';
import { loadKeyvSqlite } from '../native-peers.ts';

const BATCH = 10;
const KEYS = Array.from({ length: 1000 }, (_, i) => `doc:${i}`);
const VALUE = Buffer.alloc(2048, 7);
const TTL = 60_000;

interface Fixture {
  dir: string;
  store: SqliteStore;
  overHotpath: Keyv;
  overKeyvSqlite: Keyv;
}

async function openKeyvSqlite(path: string): Promise<Keyv> {
  const KeyvSqlite = loadKeyvSqlite();
  const store = new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: 5000 });
  await store.query('PRAGMA journal_mode = WAL');
  await store.query('PRAGMA synchronous = NORMAL');
  return new Keyv({ store });
}

function scenarios(): Scenario[] {
  const f = {} as Fixture;
  let i = 0;
  const next = (): string => KEYS[i++ % KEYS.length]!;
  const setup = async (): Promise<void> => {
    f.dir = mkdtempSync(join(tmpdir(), 'hotpath-bench-keyv-sqlite-'));
    try {
      f.overKeyvSqlite = await openKeyvSqlite(join(f.dir, 'keyv-sqlite.sqlite'));
    } catch (error) {
      rmSync(f.dir, { recursive: true, force: true });
      throw error;
    }
    f.store = await createSqliteStore({ path: join(f.dir, 'hotpath.sqlite') });
    f.overHotpath = new Keyv({
      store: await createSqliteStore({ path: join(f.dir, 'keyv.sqlite') }),
    });
    for (const key of KEYS) {
      await f.store.set(key, VALUE);
      await f.overHotpath.set(key, VALUE);
      await f.overKeyvSqlite.set(key, VALUE);
    }
  };
  const teardown = async (): Promise<void> => {
    await f.store.disconnect();
    await f.overHotpath.disconnect();
    await f.overKeyvSqlite.disconnect();
    rmSync(f.dir, { recursive: true, force: true });
  };
  const get: Scenario = {
    name: `cache: SQLite L2 get of 2 KB values vs keyv + @keyv/sqlite (${BATCH} per call)`,
    itemsPerCall: BATCH,
    setup,
    tasks: {
      'hotpath SqliteStore get': async () => {
        for (let n = 0; n < BATCH; n++) await f.store.get(next());
      },
      'keyv + @keyv/sqlite get': async () => {
        for (let n = 0; n < BATCH; n++) await f.overKeyvSqlite.get(next());
      },
      'keyv over SqliteStore get': async () => {
        for (let n = 0; n < BATCH; n++) await f.overHotpath.get(next());
      },
    },
    targets: [{ task: 'hotpath SqliteStore get', peer: 'keyv + @keyv/sqlite get', min: 2 }],
  };
  const set: Scenario = {
    name: `cache: SQLite L2 set of 2 KB values vs keyv + @keyv/sqlite (${BATCH} per call)`,
    itemsPerCall: BATCH,
    teardown,
    tasks: {
      'hotpath SqliteStore set': async () => {
        for (let n = 0; n < BATCH; n++) await f.store.set(next(), VALUE, TTL);
      },
      'keyv + @keyv/sqlite set': async () => {
        for (let n = 0; n < BATCH; n++) await f.overKeyvSqlite.set(next(), VALUE, TTL);
      },
      'keyv over SqliteStore set': async () => {
        for (let n = 0; n < BATCH; n++) await f.overHotpath.set(next(), VALUE, TTL);
      },
    },
    targets: [{ task: 'hotpath SqliteStore set', peer: 'keyv + @keyv/sqlite set', min: 2 }],
  };
  return [get, set];
}

export default scenarios();
