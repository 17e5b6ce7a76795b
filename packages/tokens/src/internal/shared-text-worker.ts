// The thread's side of a shared text (see text-claims.ts): claim slices until none are left,
// the caller stops the call, or the shared sum passes the limit.
import type { BpeEngine } from './bpe.ts';
import { claimCount, claimedPiece, NEXT_CLAIM, OVER, STOP, TOTAL } from './text-claims.ts';
import type { SharedTextTask } from './worker-protocol.ts';

function* claims(task: SharedTextTask): Generator<[claim: number, start: number, end: number]> {
  const { text, claimChars, control } = task;
  const last = claimCount(text.length, claimChars);
  while (Atomics.load(control, STOP) === 0) {
    const k = Atomics.add(control, NEXT_CLAIM, 1);
    if (k >= last) return;
    const range = claimedPiece(text, k, claimChars);
    yield range ? [k, range[0], range[1]] : [k, 0, 0];
  }
}

function stopOver(control: Int32Array): void {
  Atomics.store(control, OVER, 1);
  Atomics.store(control, STOP, 1);
}

/** Adds this thread's share of the count to the control block; answers with its claim count. */
export function countShared(bpe: BpeEngine, task: SharedTextTask): number {
  const { control, text } = task;
  const limit = task.limit ?? Number.POSITIVE_INFINITY;
  let taken = 0;
  for (const [, start, end] of claims(task)) {
    taken++;
    const n = bpe.countRange(text, start, end, limit - Atomics.load(control, TOTAL));
    if (n < 0 || Atomics.add(control, TOTAL, n) + n > limit) {
      stopOver(control);
      break;
    }
  }
  return taken;
}

/** This thread's share of the token ids, as `[claim, length, tokens…]` records. */
export function encodeShared(bpe: BpeEngine, task: SharedTextTask): Uint32Array {
  const { text } = task;
  const records: Uint32Array[] = [];
  let size = 0;
  for (const [k, start, end] of claims(task)) {
    const tokens = bpe.encode(text.slice(start, end));
    records.push(Uint32Array.of(k, tokens.length), tokens);
    size += 2 + tokens.length;
  }
  const out = new Uint32Array(size);
  let offset = 0;
  for (const record of records) {
    out.set(record, offset);
    offset += record.length;
  }
  return out;
}
