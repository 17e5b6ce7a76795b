import { createSeededRandom, describeValue } from '@hotpath/protocol';
import { BenchArgumentError } from '../errors.ts';

/** A source of uniform numbers in `[0, 1)`, like `Math.random`. */
export type Random = () => number;

/**
 * A seeded pseudo-random generator (mulberry32): the same seed always gives the same
 * sequence, so a bootstrap interval or a round order can be reproduced exactly.
 *
 * @param seed - an integer from -2^31 to 2^32 − 1
 * @example
 * ```ts
 * const random = createRandom(42);
 * random(); // same value on every run
 * ```
 */
export function createRandom(seed: number): Random {
  return createSeededRandom(checkSeed(seed, 'createRandom: "seed"'));
}

/**
 * Returns `seed` when it is an integer the generator reads whole, from -2^31 to 2^32 − 1 (only
 * the low 32 bits seed it: a larger seed would silently repeat another's run), else throws.
 *
 * @param what - names the seed in the message
 */
export function checkSeed(seed: unknown, what: string): number {
  if (
    typeof seed === 'number' &&
    Number.isInteger(seed) &&
    seed >= -(2 ** 31) &&
    seed <= 2 ** 32 - 1
  )
    return seed;
  throw new BenchArgumentError(
    `${what} must be an integer from -2147483648 to 4294967295, got ${describeValue(seed)}`,
  );
}

/** Shuffles `items` in place (Fisher–Yates) with the given generator and returns it. */
export function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
