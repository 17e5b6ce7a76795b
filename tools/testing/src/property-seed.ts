// Seeds for property-based tests: every CI run checks a fixed seed (reproducible, comparable
// run to run) plus one fresh seed, printed so that a failure it finds can be replayed with
// HOTPATH_FC_SEED=<seed>.

/** The seed every run checks. */
export const FIXED_PROPERTY_SEED = 424_242;

/**
 * This run's fresh seed: `HOTPATH_FC_SEED` when set (to replay a failure), else a random
 * 31-bit integer. Printed with `label` so the run's output says which seed was used.
 */
export function propertySeed(label: string): number {
  const fromEnv = process.env.HOTPATH_FC_SEED;
  const seed =
    fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(seed))
    throw new TypeError(`HOTPATH_FC_SEED must be an integer, got ${fromEnv}`);
  console.log(`[property] ${label}: fresh seed ${seed} (replay with HOTPATH_FC_SEED=${seed})`);
  return seed;
}

/** The seeds a property test runs: the fixed one, then this run's fresh one. */
export function propertySeeds(
  label: string,
): readonly { readonly kind: string; readonly seed: number }[] {
  return [
    { kind: 'fixed', seed: FIXED_PROPERTY_SEED },
    { kind: 'fresh', seed: propertySeed(label) },
  ];
}
