// One long text, tokenized by every thread at once. Each thread gets the whole string (a
// structured clone of a flat string is a memcpy: about 0.1–0.2 ms per MB here, far less than
// UTF-8 encoding it into a SharedArrayBuffer) and a small shared control block. The threads
// then claim slices with Atomics.add until none are left, so a thread that gets less CPU simply
// claims fewer slices, and the calling thread is not involved between the first message and
// the last reply. Slice k starts at the first safe cut in [k × size, (k + 1) × size) and ends
// where the next slice starts; a window without a safe cut has no slice of its own (the slice
// before it runs on), so every thread derives the same pieces and they cover the text exactly.
import { cutBetween } from './safe-split.ts';

/** Characters per claim: about 1 ms of BPE work, so the threads finish within ~1 ms of each other. */
export const CLAIM_CHARS = 16_384;

/** Int32 cells of the control block. */
export const NEXT_CLAIM = 0;
/** Set to 1 by the caller to stop the threads (abort) or by a thread (over the limit). */
export const STOP = 1;
/** Sum of the counts so far. */
export const TOTAL = 2;
/** Set to 1 once the sum exceeds the limit. */
export const OVER = 3;
const CELLS = 4;

/** A fresh control block shared by the caller and the threads. */
export function controlBlock(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(CELLS * Int32Array.BYTES_PER_ELEMENT));
}

/** Number of claims `text` is divided into. */
export function claimCount(length: number, size: number): number {
  return Math.max(1, Math.ceil(length / size));
}

function sliceStart(text: string, k: number, size: number): number {
  if (k === 0) return 0;
  const from = k * size;
  if (from >= text.length) return text.length;
  return cutBetween(text, from, from + size);
}

/**
 * The piece of claim `k` as `[start, end)`, or `undefined` when claim `k` has no piece
 * (its window holds no safe cut, so the claim before it covers that text).
 */
export function claimedPiece(text: string, k: number, size: number): [number, number] | undefined {
  const start = sliceStart(text, k, size);
  if (start === -1 || start >= text.length) return undefined;
  let next = k + 1;
  let end = sliceStart(text, next, size);
  while (end === -1) end = sliceStart(text, ++next, size);
  return [start, end];
}
