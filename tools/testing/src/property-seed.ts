import { randomInt } from 'node:crypto';

/** The seed every CI run uses, so a property failure found in CI reproduces everywhere. */
const FIXED_SEED = 20_260_101;

/**
 * The seeds a fast-check property runs with: the fixed CI seed and one fresh seed per run,
 * printed so that a failure it finds can be replayed with `HOTPATH_FC_SEED=<seed>`. When
 * `HOTPATH_FC_SEED` is set, only that seed runs.
 *
 * @param label - names the test file in the printed line
 * @example
 * ```ts
 * for (const seed of propertySeeds('decode')) fc.assert(property, { seed, numRuns: 200 });
 * ```
 */
export function propertySeeds(label: string): readonly number[] {
  const pinned = process.env.HOTPATH_FC_SEED;
  if (pinned !== undefined && pinned !== '') return [Number(pinned)];
  const fresh = randomInt(2 ** 31);
  console.info(
    `${label}: property seeds ${FIXED_SEED} (fixed) and ${fresh} (fresh; replay with HOTPATH_FC_SEED=${fresh})`,
  );
  return [FIXED_SEED, fresh];
}
