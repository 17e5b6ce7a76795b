import { MemoryArgumentError } from './errors.ts';
import { fitLine } from './fit-line.ts';

/**
 * The decision rule. A series of post-GC memory readings is a leak when **all three** hold:
 *
 * 1. **slope**: the least-squares slope is above `minSlope` (bytes per unit of x);
 * 2. **fit**: the line explains the readings, R² ≥ `minR2`, so one jump or a noisy plateau does not count;
 * 3. **streak**: the reading grew (`> 0` bytes) in at least `minGrowthSteps` of the last `window` steps,
 *    so a single large allocation that stays (a cache filling once) does not count either.
 */
export interface LeakRule {
  /** Slope above which growth counts, in bytes per unit of x. */
  readonly minSlope: number;
  /** Minimum R² of the fit, in [0, 1]. */
  readonly minR2: number;
  /** Minimum number of growing steps within the last `window` steps. */
  readonly minGrowthSteps: number;
  /** Steps (differences between consecutive readings) the streak looks at. */
  readonly window: number;
}

/** The outcome of {@link evaluateLeak}, with every figure it used. */
export interface LeakVerdict {
  /** True when slope, fit and streak all hold. */
  readonly leak: boolean;
  /** The readings, in bytes. */
  readonly samples: readonly number[];
  /** `samples[i + 1] − samples[i]`, in bytes. */
  readonly growth: readonly number[];
  /** Least-squares slope, in bytes per unit of x. */
  readonly slope: number;
  /** R² of the fit. */
  readonly r2: number;
  /** Steps that grew within the last `window` steps. */
  readonly growthSteps: number;
  /** Steps the streak looked at (the rule's `window`, or fewer when there are fewer). */
  readonly window: number;
  /** The rule applied. */
  readonly rule: LeakRule;
  /** Which of the three conditions held. */
  readonly checks: { readonly slope: boolean; readonly fit: boolean; readonly streak: boolean };
}

/**
 * Throws a {@link MemoryArgumentError} for a rule that cannot be applied, naming the field as the
 * caller knows it (`names`), for example `options.minBytesPerIteration` for `minSlope`.
 */
export function checkRule(
  rule: LeakRule,
  names: { readonly [K in keyof LeakRule]?: string } = {},
): void {
  const name = (key: keyof LeakRule): string => names[key] ?? key;
  if (!Number.isFinite(rule.minSlope) || rule.minSlope < 0) {
    throw new MemoryArgumentError(name('minSlope'), 'a finite number ≥ 0', rule.minSlope);
  }
  if (!(rule.minR2 >= 0 && rule.minR2 <= 1)) {
    throw new MemoryArgumentError(name('minR2'), 'a number in [0, 1]', rule.minR2);
  }
  if (!Number.isInteger(rule.window) || rule.window < 1) {
    throw new MemoryArgumentError(name('window'), 'an integer ≥ 1', rule.window);
  }
  if (!Number.isInteger(rule.minGrowthSteps) || rule.minGrowthSteps < 0) {
    throw new MemoryArgumentError(name('minGrowthSteps'), 'an integer ≥ 0', rule.minGrowthSteps);
  }
}

function countGrowth(growth: readonly number[], window: number): number {
  let grew = 0;
  for (let i = Math.max(0, growth.length - window); i < growth.length; i++) {
    if (growth[i]! > 0) grew++;
  }
  return grew;
}

/**
 * Applies the {@link LeakRule} to readings `ys` taken at `xs` (iterations run, seconds elapsed …).
 *
 * @example
 * ```ts
 * evaluateLeak([0, 100, 200, 300], heapAfterGc, { minSlope: 64, minR2: 0.8, minGrowthSteps: 3, window: 3 });
 * ```
 */
export function evaluateLeak(
  xs: readonly number[],
  ys: readonly number[],
  rule: LeakRule,
): LeakVerdict {
  checkRule(rule);
  const { slope, r2 } = fitLine(xs, ys);
  const growth = ys.slice(1).map((y, i) => y - ys[i]!);
  const window = Math.min(rule.window, growth.length);
  const growthSteps = countGrowth(growth, window);
  const checks = {
    slope: slope > rule.minSlope,
    fit: r2 >= rule.minR2,
    streak: growthSteps >= Math.min(rule.minGrowthSteps, window),
  };
  const leak = checks.slope && checks.fit && checks.streak;
  return { leak, samples: [...ys], growth, slope, r2, growthSteps, window, rule, checks };
}
