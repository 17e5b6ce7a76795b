import type { Statistic } from './internal/measure.ts';
import { type Progress, silentProgress } from './progress.ts';
import { checkSeed } from './stats/random.ts';

/** Options shared by `runSuite` and `compareTrees`. */
export interface MeasureSettings {
  /** Interleaved rounds (per process); each measures every task once, in random order. @default 10 */
  readonly rounds?: number;
  /** tinybench time budget per task per round, in ms. @default 100 (`compare`: 20) */
  readonly timeMs?: number;
  /** Per-round cost: median call (robust to preemption) or mean call (throughput). @default 'median' */
  readonly statistic?: Statistic;
  /** Practical threshold: changes smaller than this fraction never fail. @default 0.05 */
  readonly threshold?: number;
  /** Intervals are at confidence `1 − alpha` (`run`'s targets: family-wise, after Holm's correction). @default 0.05 */
  readonly alpha?: number;
  /** Seed of the round order, the process seeds and the bootstrap, for reproducible runs. @default random */
  readonly seed?: number;
  /** Below this many rounds no verdict is given (smoke runs). @default 6 (`compare`: 3 per process) */
  readonly minRounds?: number;
  /**
   * Time budget in ms for all the measuring: each scenario gets an equal share of what is
   * left and stops early at a round boundary, never below `minRounds`. @default none
   */
  readonly budgetMs?: number;
  /** Receives progress; see `createProgress`. @default silent */
  readonly progress?: Progress;
  /** Aborts the run between measurements (and kills measuring processes). */
  readonly signal?: AbortSignal;
}

/** Settings with defaults applied. */
export interface ResolvedSettings {
  readonly rounds: number;
  readonly timeMs: number;
  readonly statistic: Statistic;
  readonly threshold: number;
  readonly alpha: number;
  readonly seed: number;
  readonly minRounds: number;
  readonly progress: Progress;
  readonly signal?: AbortSignal | undefined;
  readonly budgetMs?: number | undefined;
}

/** Applies the defaults of {@link MeasureSettings}. */
export function resolveSettings(settings: MeasureSettings): ResolvedSettings {
  return {
    rounds: settings.rounds ?? 10,
    timeMs: settings.timeMs ?? 100,
    statistic: settings.statistic ?? 'median',
    threshold: settings.threshold ?? 0.05,
    alpha: settings.alpha ?? 0.05,
    seed:
      settings.seed === undefined
        ? Math.floor(Math.random() * 2 ** 31)
        : checkSeed(settings.seed, '"seed"'),
    minRounds: settings.minRounds ?? 6,
    progress: settings.progress ?? silentProgress,
    signal: settings.signal,
    budgetMs: settings.budgetMs,
  };
}

/**
 * The deadline of the next piece of work of size `weight`, when `remaining` (including
 * it) is left and the budget ends at `end` (a `performance.now()` time): its share of
 * what is left. Undefined without a budget.
 */
export function shareDeadline(
  end: number | undefined,
  weight: number,
  remaining: number,
): number | undefined {
  if (end === undefined) return undefined;
  const now = performance.now();
  return now + (Math.max(0, end - now) * weight) / Math.max(weight, remaining);
}
