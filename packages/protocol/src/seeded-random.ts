import { describeValue } from './describe-value.ts';
import { ProtocolArgumentError } from './errors.ts';

/**
 * A seeded pseudo-random generator (mulberry32): each call returns a float in `[0, 1)`, and the
 * same seed always gives the same sequence on every run and platform. Small and fast, meant for
 * reproducible choices (a simulator's content and faults, a benchmark's round order, a
 * bootstrap); not for anything secret.
 *
 * @param seed - an integer whose low 32 bits seed the generator (so `7` and `7 + 2 ** 32` give the
 *   same sequence)
 * @throws {ProtocolArgumentError} when `seed` is not an integer: NaN, ±Infinity and fractions would
 *   otherwise be truncated to another seed's sequence (NaN and Infinity to seed 0's)
 * @example
 * ```ts
 * const random = createSeededRandom(42);
 * random(); // the same value on every run
 * ```
 */
export function createSeededRandom(seed: number): () => number {
  if (!Number.isInteger(seed)) {
    throw new ProtocolArgumentError(
      `createSeededRandom(seed): seed must be an integer, got ${describeValue(seed)}.`,
    );
  }
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
