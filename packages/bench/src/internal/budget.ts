/** Share of a round spent outside the tasks themselves (tinybench setup, warm-up, shuffling). */
const OVERHEAD = 1.25;

/**
 * The number of rounds that fits `budgetMs`, when one round measures `unitsPerRound`
 * units of `timeMs` each: at most `requested`, at least `minimum` (even if that
 * overruns the budget, since fewer rounds cannot decide anything).
 */
export function fitRounds(
  budgetMs: number | undefined,
  unitsPerRound: number,
  timeMs: number,
  requested: number,
  minimum: number,
): number {
  if (budgetMs === undefined) return requested;
  const perRound = unitsPerRound * timeMs * OVERHEAD;
  return Math.max(
    Math.min(requested, minimum),
    Math.min(requested, Math.floor(budgetMs / perRound)),
  );
}
