// Property tests run twice: with a fixed seed, so CI is reproducible, and with one fresh seed
// per run, so new inputs keep being explored. The fresh seed is printed; HOTPATH_FC_SEED
// replays it.

/** The seed every run checks. */
export const FIXED_PROPERTY_SEED = 0x5eed;

/**
 * This run's fresh seed: `HOTPATH_FC_SEED` when set (to replay a failure), else random.
 * Printed with `label`, so a failing run names the seed that found the failure.
 */
export function propertySeed(label: string): number {
  const given = process.env.HOTPATH_FC_SEED;
  const seed = given === undefined || given === '' ? (Math.random() * 2 ** 31) | 0 : Number(given);
  if (!Number.isInteger(seed))
    throw new TypeError(`HOTPATH_FC_SEED must be an integer, got ${given}`);
  console.log(`[property] ${label}: fresh seed ${seed} (replay with HOTPATH_FC_SEED=${seed})`);
  return seed;
}

/** Both seeds of a property test: the fixed one, then this run's fresh one. */
export function propertySeeds(label: string): readonly number[] {
  return [FIXED_PROPERTY_SEED, propertySeed(label)];
}
