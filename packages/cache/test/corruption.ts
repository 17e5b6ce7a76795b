// Corruptions of a stored byte string, at every offset: single-bit flips, short ranges replaced
// by other bytes, truncations and an extension. Deterministic (seeded), so a failure replays.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { seededRandom } from '@hotpath/testing';

/** One corrupted copy and what was done to it. */
export interface Corruption {
  readonly what: string;
  readonly bytes: Uint8Array;
}

/** How densely to corrupt: every bit of every byte, or one bit per byte (for large rows). */
export interface CorruptionPlan {
  /** All 8 bit flips per offset, or only bit `offset % 8`. @default true */
  readonly everyBit?: boolean;
  /** Lengths of the altered ranges starting at every offset. @default [2, 3, 4, 8] */
  readonly ranges?: readonly number[];
  /** Truncate to every length divisible by this. @default 1 */
  readonly truncateStep?: number;
  /** Also truncate and extend. @default true */
  readonly resize?: boolean;
  readonly seed?: number;
}

function flipped(bytes: Uint8Array, offset: number, bit: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[offset]! ^= 1 << bit;
  return copy;
}

function altered(
  bytes: Uint8Array,
  offset: number,
  length: number,
  next: () => number,
): Uint8Array {
  const copy = Uint8Array.from(bytes);
  // XOR with a non-zero byte: every byte of the range really changes.
  for (let i = offset; i < offset + length; i++) copy[i]! ^= 1 + Math.floor(next() * 255);
  return copy;
}

/** Every corruption of `bytes` that `plan` asks for. */
export function* corruptions(bytes: Uint8Array, plan: CorruptionPlan = {}): Generator<Corruption> {
  const next = seededRandom(plan.seed ?? 7);
  const ranges = plan.ranges ?? [2, 3, 4, 8];
  for (let offset = 0; offset < bytes.length; offset++) {
    const bits = plan.everyBit === false ? [offset % 8] : [0, 1, 2, 3, 4, 5, 6, 7];
    for (const bit of bits)
      yield { what: `bit ${bit} of byte ${offset}`, bytes: flipped(bytes, offset, bit) };
    for (const length of ranges) {
      if (offset + length > bytes.length) continue;
      yield { what: `${length} bytes at ${offset}`, bytes: altered(bytes, offset, length, next) };
    }
  }
  if (plan.resize === false) return;
  const step = plan.truncateStep ?? 1;
  for (let length = 0; length < bytes.length; length += step) {
    yield { what: `truncated to ${length}`, bytes: bytes.subarray(0, length) };
  }
  yield { what: 'one byte appended', bytes: Uint8Array.of(...bytes, 0x41) };
}

/** Counts `hotpath:cache:error` events while it is open. */
export class ErrorEvents implements Disposable {
  readonly #listener = (message: unknown): void => {
    this.seen.push(message as { operation: string; error: { code: string } });
  };
  readonly seen: { operation: string; error: { code: string } }[] = [];

  constructor() {
    subscribe('hotpath:cache:error', this.#listener);
  }

  /** Events since the last call, emptied. */
  take(): { operation: string; error: { code: string } }[] {
    return this.seen.splice(0);
  }

  [Symbol.dispose](): void {
    unsubscribe('hotpath:cache:error', this.#listener);
  }
}
