import type { EncodingName } from '../encodings.ts';
import {
  CANCELLED,
  CANCELLED_LENGTH,
  OVER_LIMIT,
  type TokenizeTask,
  type WorkerReply,
} from './worker-protocol.ts';

/** Runs one task on the pool; rejects only when the thread itself failed. */
export type RunTask = (task: TokenizeTask, transfer?: ArrayBuffer[]) => Promise<WorkerReply>;

/** Maps a pool failure to the error the callers should see. */
export type FailureMapper = (cause: unknown) => Error;

type Kind = 'count' | 'encode';

/** One caller's request, cut into pieces that may travel in different batches. */
class Job {
  readonly kind: Kind;
  readonly encoding: EncodingName;
  readonly limit: number | undefined;
  readonly results: (number | Uint32Array)[];
  readonly cells: { cancel: Int32Array; index: number }[] = [];
  remaining: number;
  partial = 0;
  settled = false;
  readonly resolve: (value: (number | Uint32Array)[] | false) => void;
  readonly reject: (error: unknown) => void;

  constructor(
    kind: Kind,
    encoding: EncodingName,
    pieces: number,
    limit: number | undefined,
    resolve: Job['resolve'],
    reject: Job['reject'],
  ) {
    this.kind = kind;
    this.encoding = encoding;
    this.limit = limit;
    this.results = new Array(pieces);
    this.remaining = pieces;
    this.resolve = resolve;
    this.reject = reject;
  }

  /** Settles once, and tells the workers to skip whatever is left of this job. */
  finish(outcome: { value: (number | Uint32Array)[] | false } | { error: unknown }): void {
    if (this.settled) return;
    this.settled = true;
    for (const { cancel, index } of this.cells) Atomics.store(cancel, index, 1);
    if ('error' in outcome) this.reject(outcome.error);
    else this.resolve(outcome.value);
  }
}

interface Piece {
  readonly job: Job;
  readonly index: number;
  readonly text: string;
}

/** Counters the dispatcher keeps for {@link TokenWorkers.stats}. */
export interface DispatchCounters {
  tasks: number;
  pieces: number;
  batched: number;
  cancelled: number;
  crashed: number;
}

/**
 * Collects tokenizing pieces submitted in the same tick and sends them in as few round trips
 * as possible: pieces of one kind and encoding are packed into batches of up to `batchChars`.
 */
export class Dispatcher {
  readonly #run: RunTask;
  readonly #fail: FailureMapper;
  readonly #batchChars: number;
  readonly counters: DispatchCounters = {
    tasks: 0,
    pieces: 0,
    batched: 0,
    cancelled: 0,
    crashed: 0,
  };
  #pending: Piece[] = [];
  #scheduled = false;

  constructor(run: RunTask, fail: FailureMapper, batchChars: number) {
    this.#run = run;
    this.#fail = fail;
    this.#batchChars = batchChars;
  }

  /**
   * Tokenizes `pieces`; resolves with one result per piece, or `false` once the summed count
   * exceeds `limit`. An abort rejects at once with the signal's reason and flags the pieces
   * so the workers skip them; the threads keep running.
   */
  submit(
    kind: Kind,
    encoding: EncodingName,
    pieces: readonly string[],
    limit: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<(number | Uint32Array)[] | false> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = (): void => job.finish({ error: signal!.reason });
      const done =
        <T>(settle: (value: T) => void) =>
        (value: T): void => {
          signal?.removeEventListener('abort', onAbort);
          settle(value);
        };
      const job = new Job(kind, encoding, pieces.length, limit, done(resolve), done(reject));
      signal?.addEventListener('abort', onAbort, { once: true });
      for (const [index, text] of pieces.entries()) this.#pending.push({ job, index, text });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      const pending = this.#pending.filter((piece) => !piece.job.settled);
      this.#pending = [];
      for (const batch of this.#pack(pending)) this.#send(batch);
    });
  }

  #pack(pieces: readonly Piece[]): Piece[][] {
    const open = new Map<string, { pieces: Piece[]; chars: number }>();
    const batches: Piece[][] = [];
    for (const piece of pieces) {
      const key = `${piece.job.kind}:${piece.job.encoding}:${piece.job.limit ?? ''}`;
      let batch = open.get(key);
      if (!batch || batch.chars + piece.text.length > this.#batchChars) {
        batch = { pieces: [], chars: 0 };
        open.set(key, batch);
        batches.push(batch.pieces);
      }
      batch.pieces.push(piece);
      batch.chars += piece.text.length;
    }
    return batches;
  }

  #send(batch: Piece[]): void {
    const { kind, encoding, limit } = batch[0]!.job;
    const cancel = new Int32Array(new SharedArrayBuffer(4 * batch.length));
    for (const [index, piece] of batch.entries()) piece.job.cells.push({ cancel, index });
    const task: TokenizeTask = {
      kind,
      encoding,
      pieces: batch.map((piece) => piece.text),
      cancel,
      ...(limit === undefined ? {} : { limit }),
    };
    this.counters.tasks++;
    this.counters.pieces += batch.length;
    if (batch.length > 1) this.counters.batched++;
    this.#run(task).then(
      (reply) => this.#deliver(batch, reply),
      (cause) => this.#crash(batch, cause),
    );
  }

  #crash(batch: readonly Piece[], cause: unknown): void {
    const error = this.#fail(cause);
    for (const piece of batch) piece.job.finish({ error });
  }

  #deliver(batch: readonly Piece[], reply: WorkerReply): void {
    if (reply instanceof Int32Array) {
      for (const [i, piece] of batch.entries()) this.#accept(piece, reply[i]!);
    } else if (reply instanceof Uint32Array) {
      this.#acceptTokens(batch, reply);
    } else {
      const error = new Error(typeof reply === 'object' ? reply.error.message : String(reply));
      for (const piece of batch) piece.job.finish({ error });
    }
  }

  #acceptTokens(batch: readonly Piece[], reply: Uint32Array): void {
    let offset = 1 + batch.length;
    for (const [i, piece] of batch.entries()) {
      const length = reply[1 + i]!;
      if (length === CANCELLED_LENGTH) {
        this.#accept(piece, CANCELLED);
        continue;
      }
      this.#accept(piece, reply.subarray(offset, offset + length));
      offset += length;
    }
  }

  #accept(piece: Piece, value: number | Uint32Array): void {
    const { job } = piece;
    if (value === CANCELLED) this.counters.cancelled++;
    if (job.settled) return;
    if (value === OVER_LIMIT) {
      job.finish({ value: false });
      return;
    }
    job.results[piece.index] = value;
    if (typeof value === 'number') job.partial += value;
    if (job.limit !== undefined && job.partial > job.limit) job.finish({ value: false });
    else if (--job.remaining === 0) job.finish({ value: job.results });
  }
}
