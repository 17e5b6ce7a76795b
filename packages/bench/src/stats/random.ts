import { createSeededRandom, describeValue } from '@hotpath/protocol';
import { BenchArgumentError } from '../errors.ts';

/** A source of uniform numbers in `[0, 1)`, like `Math.random`. */
export type Random = () => number;

/**
 * A seeded pseudo-random generator (mulberry32): the same seed always gives the same
 * sequence, so a bootstrap interval or a round order can be reproduced exactly.
 *
 * @param seed - any 32-bit integer
 * @example
 * ```ts
 * const random = createRandom(42);
 * random(); // same value on every run
 * ```
 */
export function createRandom(seed: number): Random {
  // Only the low 32 bits seed the generator: a larger seed would silently repeat another's run.
  if (!Number.isInteger(seed) || seed < -(2 ** 31) || seed > 2 ** 32 - 1) {
    throw new BenchArgumentError(
      `createRandom: "seed" must be an integer from -2147483648 to 4294967295, got ${describeValue(seed)}`,
    );
  }
  return createSeededRandom(seed);
}

/** Shuffles `items` in place (Fisher–Yates) with the given generator and returns it. */
export function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
