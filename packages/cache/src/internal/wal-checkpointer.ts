import { Worker } from 'node:worker_threads';

/** What one background checkpoint did, as `PRAGMA wal_checkpoint(PASSIVE)` reports it. */
export interface CheckpointResult {
  /** Frames in the WAL file when the checkpoint ran. */
  readonly logFrames: number;
  /** Frames copied into the database file (all of them unless a reader held older ones). */
  readonly checkpointedFrames: number;
}

/** What the checkpointer tells its store. */
export interface CheckpointHandlers {
  /** A checkpoint finished. */
  done(result: CheckpointResult): void;
  /** The worker failed or exited on its own: the store must checkpoint inline again. */
  failed(error: unknown): void;
  /**
   * The last checkpoint found this many frames in the WAL or more: the store checkpoints once
   * on its own connection, between two of its writes, so that the next write rewinds the WAL.
   */
  catchUp(): void;
  /**
   * The worker fell behind (`true`): the store's connection checkpoints inline meanwhile
   * (SQLite's `wal_autocheckpoint`), so even a stalled worker leaves the WAL bounded; `false`
   * once the worker is back.
   */
  inline(on: boolean): void;
}

/** Slots of the state shared with the worker. */
const BUSY = 0;
const LOG_FRAMES = 1;

// The worker is a CommonJS script passed as a string, so it runs the same from source and from
// dist. It opens its own connection to the file and runs one PASSIVE checkpoint per message: a
// passive checkpoint never takes the write lock, so the store keeps writing while it copies
// pages and syncs the database file. The main thread has already warned that node:sqlite is
// experimental (Node 22); the worker does not print that warning a second time.
const WORKER = /* js */ `
const { parentPort, workerData } = require('node:worker_threads');
const emitWarning = process.emitWarning;
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  if (type === 'ExperimentalWarning' && /SQLite/.test(String(warning))) return;
  emitWarning.call(process, warning, ...rest);
};
const { DatabaseSync } = require('node:sqlite');
const state = new Int32Array(workerData.state);
const db = new DatabaseSync(workerData.path);
db.exec('PRAGMA busy_timeout = 5000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  const row = checkpoint.get();
  const result = { logFrames: Number(row.log), checkpointedFrames: Number(row.checkpointed) };
  Atomics.store(state, ${LOG_FRAMES}, result.logFrames);
  Atomics.store(state, ${BUSY}, 0);
  parentPort.postMessage(result);
});
`;

/**
 * Moves an SQLite store's WAL checkpoints off the event loop. SQLite checkpoints inside the
 * commit that crosses `wal_autocheckpoint` (1,000 pages): that commit copies the WAL into the
 * database file and syncs it, which stalled one write in ~200 for 4–5 ms on a plain disk. Here
 * the store's own connection never checkpoints (`wal_autocheckpoint = 0`); every `every` writes
 * it asks a worker thread, holding a second connection, for a PASSIVE checkpoint (one at a time).
 * Whether the worker is busy, and how long it found the WAL, are shared through a
 * SharedArrayBuffer rather than messages, so a store written in a synchronous loop that never
 * yields to the event loop still hands out checkpoints, and still catches up (see `catchUp`).
 * The worker is unref'd: it never keeps a process alive. If it fails or exits, `failed` is called
 * once and the store goes back to SQLite's own checkpoints, so the WAL never grows unbounded.
 */
export class WalCheckpointer {
  readonly #worker: Worker;
  readonly #every: number;
  readonly #handlers: CheckpointHandlers;
  readonly #catchUpFrames: number;
  /** `[busy, logFrames]`, written by the worker after each checkpoint. */
  readonly #state = new Int32Array(new SharedArrayBuffer(8));
  #writes = 0;
  /** The store checkpoints inline meanwhile: the worker fell behind. */
  #inline = false;
  #closing = false;
  #failed = false;
  readonly #exited: Promise<void>;

  /**
   * Starts the worker on the database file at `path` (not `:memory:`): a checkpoint every
   * `every` writes, and a catch-up once a checkpoint found `catchUpFrames` frames or more.
   */
  constructor(path: string, every: number, catchUpFrames: number, handlers: CheckpointHandlers) {
    this.#every = every;
    this.#catchUpFrames = catchUpFrames;
    this.#handlers = handlers;
    this.#worker = new Worker(WORKER, {
      eval: true,
      workerData: { path, state: this.#state.buffer },
    });
    this.#worker.unref();
    this.#worker.on('message', (result: CheckpointResult) => this.#handlers.done(result));
    this.#worker.on('error', (error) => this.#fail(error));
    this.#exited = new Promise((resolve) => {
      this.#worker.once('exit', (code) => {
        if (!this.#closing) this.#fail(new Error(`the checkpoint worker exited (code ${code})`));
        resolve();
      });
    });
  }

  /**
   * Counts `count` committed writes; asks for a checkpoint every `every` of them. While the
   * worker is still busy after `8 × every` writes (a sync slowed down by a loaded disk, a lock
   * held by another process), the store checkpoints inline again until the worker is back.
   */
  wrote(count = 1): void {
    this.#writes += count;
    if (this.#writes < this.#every || this.#failed || this.#closing) return;
    if (Atomics.load(this.#state, BUSY) === 1) {
      if (this.#writes >= 8 * this.#every && !this.#inline) this.#setInline(true);
      return;
    }
    if (this.#inline) this.#setInline(false);
    this.#writes = 0;
    if (Atomics.exchange(this.#state, LOG_FRAMES, 0) >= this.#catchUpFrames) {
      this.#handlers.catchUp();
    }
    Atomics.store(this.#state, BUSY, 1);
    this.#worker.postMessage('checkpoint');
  }

  /** Stops the worker after the checkpoint it is running, if any; closes its connection. */
  async close(): Promise<void> {
    if (!this.#closing) {
      this.#closing = true;
      // Referenced again while it closes, so `await close()` returns before the process exits.
      this.#worker.ref();
      if (!this.#failed) this.#worker.postMessage('close');
    }
    await this.#exited;
  }

  #setInline(inline: boolean): void {
    this.#inline = inline;
    this.#handlers.inline(inline);
  }

  #fail(error: unknown): void {
    if (this.#failed || this.#closing) return;
    this.#failed = true;
    this.#handlers.failed(error);
    void this.#worker.terminate();
  }
}
