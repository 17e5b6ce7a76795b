// The piscina worker. Runs on its own thread: imports nothing that needs the @hotpath/source
// condition, keeps one BpeEngine per encoding for the thread's lifetime (warmed up as the
// thread starts), checks the caller's cancel flags between slices, and transfers token
// buffers instead of copying them.
import { threadId, workerData } from 'node:worker_threads';
import { move } from 'piscina';
import type { EncodingName } from '../encodings.ts';
import { BpeEngine } from './bpe.ts';
import { digest } from './digest.ts';
import { cutBetween, splitSafely } from './safe-split.ts';
import { adoptTables, type SharedTables } from './shared-tables.ts';
import { countShared, encodeShared } from './shared-text-worker.ts';
import { warmUp } from './warm-up.ts';
import {
  CANCELLED,
  CANCELLED_LENGTH,
  OVER_LIMIT,
  type TokenizeTask,
  type WorkerReply,
  type WorkerTask,
} from './worker-protocol.ts';

// Cancellation is checked between slices of this many characters.
const SLICE = 32_768;
// Module state is the thread's state here: one warm engine per encoding for the thread's lifetime.
const engines = new Map<EncodingName, BpeEngine>();

function engine(encoding: EncodingName): BpeEngine {
  let found = engines.get(encoding);
  if (!found) {
    found = new BpeEngine(encoding);
    warmUp(found);
    engines.set(encoding, found);
  }
  return found;
}

interface PoolData {
  readonly warm?: EncodingName[];
  readonly tables?: SharedTables;
}
const data = workerData as PoolData | null;
// The pool's tables are shared memory: adopt them rather than building a copy per thread.
if (data?.tables) adoptTables(data.tables);
// The pool names its encoding in workerData: warm it before piscina reports the thread ready.
for (const encoding of data?.warm ?? []) {
  engine(encoding);
}

function countPiece(task: TokenizeTask, index: number): number {
  const bpe = engine(task.encoding);
  const text = task.pieces[index]!;
  const limit = task.limit ?? Number.POSITIVE_INFINITY;
  let total = 0;
  for (let start = 0; start < text.length; ) {
    if (Atomics.load(task.cancel, index) !== 0) return CANCELLED;
    const cut = text.length - start > SLICE ? cutBetween(text, start + SLICE, text.length) : -1;
    const end = cut === -1 ? text.length : cut;
    const n = bpe.countRange(text, start, end, limit - total);
    if (n < 0) return OVER_LIMIT;
    total += n;
    start = end;
  }
  return total;
}

function count(task: TokenizeTask): Int32Array {
  const counts = new Int32Array(task.pieces.length);
  for (let i = 0; i < counts.length; i++) counts[i] = countPiece(task, i);
  return counts;
}

function encodePiece(task: TokenizeTask, index: number): Uint32Array | null {
  const bpe = engine(task.encoding);
  const parts: Uint32Array[] = [];
  for (const slice of splitSafely(task.pieces[index]!, SLICE)) {
    if (Atomics.load(task.cancel, index) !== 0) return null;
    parts.push(bpe.encode(slice));
  }
  return parts.length === 1 ? parts[0]! : concat(parts);
}

function concat(parts: readonly Uint32Array[]): Uint32Array {
  const out = new Uint32Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function encode(task: TokenizeTask): Uint32Array {
  const pieces = task.pieces.map((_, i) => encodePiece(task, i));
  const header = Uint32Array.from([
    pieces.length,
    ...pieces.map((p) => p?.length ?? CANCELLED_LENGTH),
  ]);
  return concat([header, ...pieces.filter((p): p is Uint32Array => p !== null)]);
}

async function run(task: WorkerTask): Promise<WorkerReply> {
  switch (task.kind) {
    case 'count':
      return move(count(task)) as unknown as Int32Array;
    case 'encode':
      return move(encode(task)) as unknown as Uint32Array;
    case 'count-shared':
      return countShared(engine(task.encoding), task);
    case 'encode-shared':
      return move(encodeShared(engine(task.encoding), task)) as unknown as Uint32Array;
    case 'decode':
      return engine(task.encoding).decode(task.tokens);
    case 'hash':
      return digest(task.algorithm, task.data);
    case 'warm':
      for (const encoding of task.encodings) engine(encoding);
      return String(threadId);
  }
}

/** Runs one task; failures caused by the input come back as values, not as thrown errors. */
export default async function tokenWorker(task: WorkerTask): Promise<WorkerReply> {
  try {
    return await run(task);
  } catch (error) {
    const { name = 'Error', message = String(error) } = error as Error;
    return { error: { name, message } };
  }
}
