import type { Progress } from '../progress.ts';
import { type Random, shuffle } from '../stats/random.ts';

/** One thing measured in every round: a task, or one side (base or head) of a task. */
export interface Unit {
  readonly id: string;
  /** Measures the unit once for the round's time and resolves to its cost in ms per call. */
  readonly measure: (warmup: boolean) => Promise<number>;
}

/** How the rounds run. */
export interface RoundsOptions {
  /** Recorded rounds (a warm-up round that is not recorded comes first). */
  readonly rounds: number;
  readonly random: Random;
  readonly progress: Progress;
  readonly signal?: AbortSignal | undefined;
  /** `performance.now()` time by which to stop, at a round boundary, once `minRounds` ran. */
  readonly deadline?: number | undefined;
  readonly minRounds: number;
}

function pastDeadline(options: RoundsOptions, round: number, roundMs: number): boolean {
  if (options.deadline === undefined || round < options.minRounds) return false;
  return performance.now() + roundMs > options.deadline;
}

async function runRound(
  groups: readonly (readonly Unit[])[],
  options: RoundsOptions,
  record: ((unit: Unit, cost: number) => void) | undefined,
): Promise<void> {
  for (const group of shuffle([...groups], options.random)) {
    for (const unit of shuffle([...group], options.random)) {
      options.signal?.throwIfAborted();
      const cost = await unit.measure(record === undefined);
      record?.(unit, cost);
    }
  }
}

/**
 * Runs every unit once per round. Units come in groups (a task's base and head side in
 * `compare`, a single task in `run`): each round takes the groups in a fresh random order,
 * and the units of a group one right after the other, in random order, so drift and bursts
 * of load on a shared machine hit both sides of a comparison alike. A first warm-up round
 * is measured but not recorded (code is still being compiled then). Returns each unit's
 * per-round cost, index-aligned across units: sample `i` of every unit comes from round
 * `i`, which makes them pairable. With a deadline, stops early at a round boundary (never
 * before `minRounds`).
 */
export async function runRounds(
  groups: readonly (readonly Unit[])[],
  options: RoundsOptions,
): Promise<Map<string, number[]>> {
  const samples = new Map<string, number[]>(groups.flat().map((unit) => [unit.id, []]));
  await runRound(groups, options, undefined);
  let roundMs = 0;
  for (let round = 0; round < options.rounds && !pastDeadline(options, round, roundMs); round++) {
    const started = performance.now();
    await runRound(groups, options, (unit, cost) => samples.get(unit.id)!.push(cost));
    roundMs = performance.now() - started;
    options.progress.round();
  }
  return samples;
}
