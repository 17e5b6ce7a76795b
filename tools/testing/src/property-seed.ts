import { randomInt } from 'node:crypto';

/** The seed every CI run uses, so a failure there reproduces exactly. */
export const FIXED_PROPERTY_SEED = 20_260_601;

/**
 * The seeds a property test runs with: the fixed one, then a fresh one per process, printed so a
 * failure it finds can be replayed with `HOTPATH_FC_SEED=<seed>` (which also replaces the fresh
 * seed). Name the test after its property and put the seed in the name:
 *
 * @param label - names the test file in the printed line
 * @example
 * ```ts
 * it.each(propertySeeds('cache keys'))('two different requests never share a key (seed %i)', (seed) => {
 *   fc.assert(fc.property(requests, (a) => ...), { seed });
 * });
 * ```
 */
export function propertySeeds(label = 'property tests'): readonly [number, number] {
  const given = process.env.HOTPATH_FC_SEED;
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isSafeInteger(seed))
      throw new TypeError(`HOTPATH_FC_SEED must be an integer, got ${given}`);
    return [FIXED_PROPERTY_SEED, seed];
  }
  const fresh = randomInt(2 ** 31);
  console.info(
    `${label}: property seeds ${FIXED_PROPERTY_SEED} (fixed) and ${fresh} (fresh; replay with HOTPATH_FC_SEED=${fresh})`,
  );
  return [FIXED_PROPERTY_SEED, fresh];
}
