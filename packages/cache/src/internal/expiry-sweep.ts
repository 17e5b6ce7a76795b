import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { publishError } from './channels.ts';

/**
 * Deletes expired rows a window at a time, in rowid order, wrapping around at the end of the
 * table: each step reads a fixed number of rows however large the table is (a full scan for
 * `expires <= now` took 22–25 ms per purge on 100,000 rows, halving write throughput, and an index
 * on `expires` made overwrites about 30% slower). Expired rows never read as values either way;
 * the sweep reclaims their space. A step that fails (a damaged page, a busy database) is published and skipped, never
 * failing the write that ran it.
 */
export class ExpirySweep {
  readonly #windowEnd: StatementSync;
  readonly #delete: StatementSync;
  readonly #window: number;
  /** The rowid after which the next window starts. */
  #after = 0;

  /** @param window - rows per step */
  constructor(db: DatabaseSync, table: string, window: number) {
    this.#windowEnd = db.prepare(
      `SELECT rowid FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT 1 OFFSET ?`,
    );
    this.#delete = db.prepare(
      `DELETE FROM ${table} WHERE rowid > ? AND rowid <= ? AND expires <= ?`,
    );
    this.#window = window;
  }

  /** Deletes the expired rows of the next window; resolves how many it deleted. */
  step(now: number): number {
    const from = this.#after;
    try {
      const end = this.#windowEnd.get(from, this.#window - 1)?.rowid;
      const last = typeof end === 'number' ? end : undefined;
      const { changes } = this.#delete.run(from, last ?? Number.MAX_SAFE_INTEGER, now);
      this.#after = last ?? 0;
      return Number(changes);
    } catch (error) {
      // Step over the window by rowid, so a damaged page is not met again on every step.
      this.#after = from + this.#window;
      publishError('sqlite.purge', undefined, error);
      return 0;
    }
  }
}
