// Rows come back as arrays of their columns, in column order, whether node:sqlite can return
// arrays itself (Node ≥ 22.16) or returns objects that are converted (older Node 22).
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { expect, it } from 'vitest';
import { RowReader } from '../src/internal/sqlite-statements.ts';

function table(): DatabaseSync {
  const db = new DatabaseSync(':memory:');
  db.exec('CREATE TABLE t (key TEXT PRIMARY KEY, kind INTEGER, expires INTEGER, value BLOB)');
  db.prepare('INSERT INTO t VALUES (?, ?, ?, ?)').run('a\u0000b', 3, null, Uint8Array.of(1, 2));
  db.prepare('INSERT INTO t VALUES (?, ?, ?, ?)').run('c', 4, 7, Uint8Array.of());
  return db;
}

/** The statement as Node before 22.16 has it: no setReturnArrays. */
function withoutArrays(statement: StatementSync): StatementSync {
  return {
    get: (...params: never[]) => statement.get(...params),
    all: (...params: never[]) => statement.all(...params),
  } as unknown as StatementSync;
}

for (const [label, wrap] of [
  ['setReturnArrays', (statement: StatementSync) => statement],
  ['row objects converted', withoutArrays],
] as const) {
  it(`reads rows as arrays in column order (${label})`, () => {
    const db = table();
    const sql = 'SELECT CAST(key AS BLOB), typeof(key), kind, expires, value FROM t';
    const reader = new RowReader(wrap(db.prepare(`${sql} ORDER BY key`)));
    expect(reader.all()).toEqual([
      [Uint8Array.from(Buffer.from('a\u0000b')), 'text', 3, null, Uint8Array.of(1, 2)],
      [Uint8Array.from(Buffer.from('c')), 'text', 4, 7, Uint8Array.of()],
    ]);
    const one = new RowReader(wrap(db.prepare('SELECT kind, expires FROM t WHERE key = ?')));
    expect(one.get('c')).toEqual([4, 7]);
    expect(one.get('absent')).toBeUndefined();
    db.close();
  });
}
