// Tail latency of SQLite store writes: the WAL checkpointed inside a commit (SQLite's default,
// `checkpoints: 'inline'`) against a worker thread checkpointing it (`checkpoints: 'background'`,
// what @hotpath/plugin-cache and the gateway use), next to the floor: a raw node:sqlite prepared
// upsert with SQLite's default checkpoints. Tinybench means hide a stall of one write in 200;
// this times every write. Each side writes its own file in one temp dir (same disk), the sides
// taking turns every `--block` writes (the order rotating), new keys and values from a seeded
// workload (fixtures/kv-workload.ts: high-entropy keys with non-ASCII parts; values of 1–64 B,
// 256 B–4 KB and 16–64 KB, 9:9:2, half non-ASCII text and half random bytes).
//
//   node --conditions=@hotpath/source src/sqlite-write-tail.ts [--writes 20000] [--block 100] [--seed 1]

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { openSqliteStore, type SqliteStore } from '@hotpath/cache';
import { kvWorkload, MIXED } from './fixtures/kv-workload.ts';
import { percentile } from './fixtures/percentile.ts';

const { values: args } = parseArgs({
  options: {
    writes: { type: 'string', default: '20000' },
    block: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
  },
});
const WRITES = Number(args.writes);
const BLOCK = Number(args.block);
const TTL = 3_600_000;

interface Side {
  readonly label: string;
  /** The database file. */
  readonly path: string;
  write(key: string, value: string | Buffer): void;
  close(): Promise<void>;
  /** Milliseconds each write took, in order. */
  readonly times: number[];
}

function storeSide(label: string, path: string, store: SqliteStore): Side {
  return {
    label,
    path,
    times: [],
    write: (key, value) => store.setSync(key, value, TTL),
    close: () => store.close(),
  };
}

function rawSide(path: string): Side {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
  db.exec('CREATE TABLE kv (key TEXT PRIMARY KEY, expires INTEGER, value BLOB)');
  const upsert = db.prepare(
    'INSERT INTO kv (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires',
  );
  return {
    label: 'floor: raw prepared upsert, SQLite checkpoints inline',
    path,
    times: [],
    write: (key, value) => upsert.run(key, value, Date.now() + TTL),
    close: async () => db.close(),
  };
}

function row(side: Side): string {
  const sorted = [...side.times].sort((a, b) => a - b);
  const us = (ms: number) => (ms * 1000).toFixed(0);
  const mean = side.times.reduce((sum, t) => sum + t, 0) / side.times.length;
  const stalls = side.times.filter((t) => t > 1).length;
  const cells = [50, 99, 99.9].map((p) => us(percentile(sorted, p)));
  const wal = (statSync(`${side.path}-wal`, { throwIfNoEntry: false })?.size ?? 0) / 2 ** 20;
  return `| ${side.label} | ${side.times.length} | ${us(mean)} | ${cells.join(' | ')} | ${us(sorted.at(-1)!)} | ${stalls} | ${wal.toFixed(1)} |`;
}

const dir = mkdtempSync(join(tmpdir(), 'hotpath-write-tail-'));
const work = kvWorkload(Number(args.seed), MIXED, 16, 4096);
const sides: Side[] = [
  rawSide(join(dir, 'raw.sqlite')),
  storeSide(
    'hotpath SqliteStore, checkpoints inline',
    join(dir, 'inline.sqlite'),
    openSqliteStore({ path: join(dir, 'inline.sqlite') }),
  ),
  storeSide(
    'hotpath SqliteStore, checkpoints in a worker',
    join(dir, 'background.sqlite'),
    openSqliteStore({ path: join(dir, 'background.sqlite'), checkpoints: 'background' }),
  ),
];
console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
let n = 0;
for (let block = 0; n < WRITES * sides.length; block++) {
  for (let s = 0; s < sides.length; s++) {
    const side = sides[(block + s) % sides.length]!;
    for (let i = 0; i < BLOCK; i++, n++) {
      // Every side gets the same values in the same order, under keys never written before.
      const index = side.times.length;
      const key = work.fresh(index);
      const value = work.value(index);
      const start = performance.now();
      side.write(key, value);
      side.times.push(performance.now() - start);
    }
  }
}
console.log(
  `\n${WRITES} writes per side (new keys, mean value ${Math.round(work.meanBytes)} B), sides taking turns every ${BLOCK}; µs per write\n`,
);
console.log(
  '| side | writes | mean | p50 | p99 | p99.9 | max | writes over 1 ms | WAL at the end (MiB) |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const side of sides) console.log(row(side));
await Promise.all(sides.map((side) => side.close()));
rmSync(dir, { recursive: true, force: true });
console.log(
  `\nload average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
