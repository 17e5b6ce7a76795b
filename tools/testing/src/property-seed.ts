// Seeds for fast-check property tests: a fixed one, so CI runs the same cases every time, and a
// fresh one per run, printed, so new cases are tried and a failure can be replayed.

/** The seed every run uses. */
export const FIXED_PROPERTY_SEED = 0x5eed_2024;

/**
 * The seeds a property test runs with: `[FIXED_PROPERTY_SEED, fresh]`. The fresh seed is
 * `HOTPATH_FC_SEED` when set (to replay a failure), else random; it is printed either way, with
 * `label`, so a failing run says how to replay it.
 *
 * @example
 * ```ts
 * for (const seed of propertySeeds('leak rule')) fc.assert(property, { seed });
 * ```
 */
export function propertySeeds(label: string): readonly number[] {
  const fromEnv = process.env.HOTPATH_FC_SEED;
  const fresh =
    fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : (Math.random() * 2 ** 31) | 0;
  if (!Number.isInteger(fresh))
    throw new TypeError(`HOTPATH_FC_SEED must be an integer, got ${fromEnv}`);
  console.log(
    `${label}: fast-check seeds ${FIXED_PROPERTY_SEED} and ${fresh} (replay: HOTPATH_FC_SEED=${fresh})`,
  );
  return [FIXED_PROPERTY_SEED, fresh];
}
