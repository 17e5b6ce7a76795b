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
import { type KvWorkload, kvWorkload } from '../fixtures/kv-workload.ts';
import { loadKeyvSqlite } from '../native-peers.ts';

const BATCH = 10;
const TTL = 60_000;
// The workload of cache-sqlite.bench.ts (seeded; high-entropy non-ASCII keys, values of 1 B–64 KB,
// half text and half bytes), with fewer stored keys: @keyv/sqlite's set is slow to fill it.
const SIZE = 'values of 1 B–64 KB';

interface Fixture {
  work: KvWorkload;
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

/** Awaits `run(i)` for BATCH consecutive values of a cursor of its own. */
function batch(run: (i: number) => Promise<unknown>): () => Promise<void> {
  let i = 0;
  return async () => {
    for (const end = i + BATCH; i < end; i++) await run(i);
  };
}

function scenarios(): Scenario[] {
  const f = {} as Fixture;
  const setup = async (): Promise<void> => {
    f.work = kvWorkload(0x5eed, undefined, 1000);
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
    for (const [i, key] of f.work.keys.entries()) {
      const value = f.work.initial[i]!;
      await f.store.set(key, value);
      await f.overHotpath.set(key, value);
      await f.overKeyvSqlite.set(key, value);
    }
  };
  const teardown = async (): Promise<void> => {
    await f.store.disconnect();
    await f.overHotpath.disconnect();
    await f.overKeyvSqlite.disconnect();
    rmSync(f.dir, { recursive: true, force: true });
  };
  const get: Scenario = {
    name: `cache: SQLite L2 get vs keyv + @keyv/sqlite (${SIZE}), ${BATCH} per call`,
    itemsPerCall: BATCH,
    setup,
    tasks: {
      'hotpath SqliteStore get': batch((i) => f.store.get(f.work.existing(i))),
      'keyv + @keyv/sqlite get': batch((i) => f.overKeyvSqlite.get(f.work.existing(i))),
      'keyv over SqliteStore get': batch((i) => f.overHotpath.get(f.work.existing(i))),
    },
    targets: [{ task: 'hotpath SqliteStore get', peer: 'keyv + @keyv/sqlite get', min: 2 }],
  };
  const set: Scenario = {
    name: `cache: SQLite L2 overwrite vs keyv + @keyv/sqlite (${SIZE}), ${BATCH} per call`,
    itemsPerCall: BATCH,
    teardown,
    tasks: {
      'hotpath SqliteStore set': batch((i) =>
        f.store.set(f.work.existing(i), f.work.value(i), TTL),
      ),
      'keyv + @keyv/sqlite set': batch((i) =>
        f.overKeyvSqlite.set(f.work.existing(i), f.work.value(i), TTL),
      ),
      'keyv over SqliteStore set': batch((i) =>
        f.overHotpath.set(f.work.existing(i), f.work.value(i), TTL),
      ),
    },
    targets: [{ task: 'hotpath SqliteStore set', peer: 'keyv + @keyv/sqlite set', min: 2 }],
  };
  return [get, set];
}

export default scenarios();
