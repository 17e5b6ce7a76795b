// The seeds of this package's fast-check properties: a fixed one, so CI checks the same
// cases every run, and a fresh one per run, printed so a failure can be replayed with
// HOTPATH_FC_SEED=<seed>. (Kept here until tools/testing has one shared helper.)
const FIXED_SEED = 20_261_122;

export function propertySeeds(label: string): readonly number[] {
  const given = process.env.HOTPATH_FC_SEED;
  const fresh = given ? Number(given) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(fresh))
    throw new TypeError(`HOTPATH_FC_SEED must be an integer, got ${given}`);
  console.info(
    `${label}: fast-check seeds ${FIXED_SEED} and ${fresh} (replay: HOTPATH_FC_SEED=${fresh})`,
  );
  return [FIXED_SEED, fresh];
}
