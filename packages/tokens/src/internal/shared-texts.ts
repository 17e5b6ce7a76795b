// The caller's side of a shared text (see text-claims.ts): one task per thread, all carrying
// the same string and control block; the answer is read from the control block (counts) or
// stitched together from the threads' records in claim order (token ids).

import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import type { EncodingName } from '../encodings.ts';
import type { DispatchCounters, FailureMapper } from './dispatcher.ts';
import {
  CLAIM_CHARS,
  claimCount,
  controlBlock,
  NEXT_CLAIM,
  OVER,
  STOP,
  TOTAL,
} from './text-claims.ts';
import type { SharedTextTask, WorkerReply } from './worker-protocol.ts';

/** Runs one shared-text task on the pool; rejects only when the thread itself failed. */
export type RunSharedTask = (task: SharedTextTask) => Promise<WorkerReply>;

function claimsIn(reply: WorkerReply): number {
  if (typeof reply === 'number') return reply;
  if (!(reply instanceof Uint32Array)) return 0;
  let claims = 0;
  for (let offset = 0; offset < reply.length; offset += 2 + reply[offset + 1]!) claims++;
  return claims;
}

function failureIn(replies: readonly WorkerReply[]): Error | undefined {
  for (const reply of replies) {
    if (typeof reply === 'object' && 'error' in reply) return new Error(reply.error.message);
  }
  return undefined;
}

/** Token ids of every record, in claim order. */
function joinRecords(replies: readonly WorkerReply[], claims: number): Uint32Array {
  const parts: (Uint32Array | undefined)[] = new Array(claims);
  let size = 0;
  for (const reply of replies) {
    if (!(reply instanceof Uint32Array)) continue;
    for (let offset = 0; offset < reply.length; offset += 2 + reply[offset + 1]!) {
      const length = reply[offset + 1]!;
      parts[reply[offset]!] = reply.subarray(offset + 2, offset + 2 + length);
      size += length;
    }
  }
  const out = new Uint32Array(size);
  let at = 0;
  for (const part of parts) {
    if (!part) continue;
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Counts and encodes long texts with every thread working on the same text. */
export class SharedTexts {
  readonly #run: RunSharedTask;
  readonly #fail: FailureMapper;
  readonly #counters: DispatchCounters;
  readonly #threads: number;

  constructor(
    run: RunSharedTask,
    fail: FailureMapper,
    counters: DispatchCounters,
    threads: number,
  ) {
    this.#run = run;
    this.#fail = fail;
    this.#counters = counters;
    this.#threads = threads;
  }

  /** The count of `text`, or `false` once it exceeds `limit`. */
  async count(
    encoding: EncodingName,
    text: string,
    limit: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<number | false> {
    const task = this.#task('count-shared', encoding, text, limit);
    await this.#all(task, signal);
    const { control } = task;
    return Atomics.load(control, OVER) === 1 ? false : Atomics.load(control, TOTAL);
  }

  /** The token ids of `text`. */
  async encode(
    encoding: EncodingName,
    text: string,
    signal: AbortSignal | undefined,
  ): Promise<Uint32Array> {
    const replies = await this.#all(this.#task('encode-shared', encoding, text), signal);
    return joinRecords(replies, claimCount(text.length, CLAIM_CHARS));
  }

  #task(
    kind: SharedTextTask['kind'],
    encoding: EncodingName,
    text: string,
    limit?: number,
  ): SharedTextTask {
    const task: SharedTextTask = {
      kind,
      encoding,
      text,
      claimChars: CLAIM_CHARS,
      control: controlBlock(),
    };
    return limit === undefined ? task : { ...task, limit };
  }

  #all(task: SharedTextTask, signal: AbortSignal | undefined): Promise<WorkerReply[]> {
    const claims = claimCount(task.text.length, task.claimChars);
    const runs = [this.#post(task)];
    // Each copy of a 4 MB text costs the caller a few ms (mostly page faults): one per
    // macrotask keeps the event loop moving, and a copy nobody needs any more is not sent.
    for (let i = 1; i < Math.min(this.#threads, claims); i++) {
      runs.push(setImmediatePromise().then(() => this.#postIfNeeded(task, claims)));
    }
    void Promise.allSettled(runs).then((results) => this.#settled(results, claims));
    return new Promise((resolve, reject) => {
      const stop = (): void => {
        Atomics.store(task.control, STOP, 1);
      };
      const onAbort = (): void => {
        stop();
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      Promise.all(runs)
        .then(
          (replies) => {
            const failure = failureIn(replies);
            if (failure) reject(failure);
            else resolve(replies);
          },
          (cause) => {
            stop();
            reject(this.#fail(cause));
          },
        )
        .finally(() => signal?.removeEventListener('abort', onAbort));
    });
  }

  #post(task: SharedTextTask): Promise<WorkerReply> {
    this.#counters.tasks++;
    return this.#run(task);
  }

  #postIfNeeded(task: SharedTextTask, claims: number): Promise<WorkerReply> | number {
    const { control } = task;
    if (Atomics.load(control, STOP) === 1 || Atomics.load(control, NEXT_CLAIM) >= claims) return 0;
    return this.#post(task);
  }

  /** Once every thread is done with the text: counts the claims taken and skipped. */
  #settled(results: readonly PromiseSettledResult<WorkerReply>[], claims: number): void {
    let taken = 0;
    for (const result of results) {
      if (result.status === 'fulfilled') taken += claimsIn(result.value);
    }
    this.#counters.pieces += taken;
    this.#counters.cancelled += claims - taken;
  }
}
