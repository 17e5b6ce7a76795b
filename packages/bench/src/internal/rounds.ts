import { TaskFailedError } from '../errors.ts';
import type { Progress } from '../progress.ts';
import type { TaskFn } from '../scenario.ts';
import { type Random, shuffle } from '../stats/random.ts';
import { measureTask, probeTask, type Statistic } from './measure.ts';

/** One thing measured in every round: a task, or one side (base or head) of a task. */
export interface Unit {
  readonly id: string;
  readonly label: string;
  readonly fn: TaskFn;
}

/** How the rounds run. */
export interface RoundsOptions {
  readonly rounds: number;
  readonly timeMs: number;
  readonly statistic: Statistic;
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

async function measureUnit(
  unit: Unit,
  options: RoundsOptions,
  warmup: boolean,
  kinds: Map<string, boolean>,
): Promise<number> {
  try {
    let isAsync = kinds.get(unit.id);
    if (isAsync === undefined) {
      isAsync = await probeTask(unit.fn);
      kinds.set(unit.id, isAsync);
    }
    return await measureTask(unit.fn, { ...options, warmup, async: isAsync });
  } catch (error) {
    options.signal?.throwIfAborted();
    throw new TaskFailedError(unit.label, { cause: error });
  }
}

/**
 * Runs every unit once per round, in a fresh random order each round, so that drift
 * and bursts of load on a shared machine hit all units alike. Returns each unit's
 * per-round cost (ms per call), index-aligned across units: sample `i` of every unit
 * comes from round `i`, which is what makes the samples pairable. With a deadline, stops
 * early at a round boundary (never before `minRounds`).
 */
export async function runRounds(
  units: readonly Unit[],
  options: RoundsOptions,
): Promise<Map<string, number[]>> {
  const samples = new Map<string, number[]>(units.map((unit) => [unit.id, []]));
  // Whether each unit returns a promise, found by one awaited call before its first round.
  const kinds = new Map<string, boolean>();
  let roundMs = 0;
  for (let round = 0; round < options.rounds && !pastDeadline(options, round, roundMs); round++) {
    options.signal?.throwIfAborted();
    const started = performance.now();
    for (const unit of shuffle([...units], options.random)) {
      samples.get(unit.id)!.push(await measureUnit(unit, options, round === 0, kinds));
    }
    // The first round includes warm-up, so later rounds are judged by the latest one.
    roundMs = performance.now() - started;
    options.progress.round();
  }
  return samples;
}
