import { MemoryArgumentError } from './errors.ts';
import { hodgesLehmann, signTestPValue, stepSlopes } from './robust-trend.ts';

/**
 * The decision rule. A series of post-GC memory readings is a leak when **both** hold:
 *
 * 1. **slope**: the robust growth rate, the Hodges–Lehmann estimate of the step slopes
 *    `(yᵢ₊₁ − yᵢ) / (xᵢ₊₁ − xᵢ)`, is above `minSlope` (bytes per unit of x);
 * 2. **trend**: the steps whose slope is above `minSlope` are too many to be chance: a one-sided
 *    sign test gives p ≤ `maxPValue` (7 of 8 steps, or 8 of 9, at 0.05).
 *
 * Judging steps instead of a fitted line is what makes the rule robust: one large free (a cache
 * flushed, V8 dropping compiled code) is one bad step, which neither the Hodges–Lehmann estimate
 * nor the count of growing steps notices much, while it can pull a least-squares line, a
 * Theil–Sen slope or a Mann–Kendall test of the levels below any threshold. A cache that fills
 * once makes a few growing steps and then flat ones; noise makes steps of both signs; slow
 * benign growth makes steps below `minSlope`.
 */
export interface LeakRule {
  /** Growth above which a step counts, in bytes per unit of x. */
  readonly minSlope: number;
  /** Largest one-sided sign-test p-value that counts as a trend, in (0, 1]. */
  readonly maxPValue: number;
}

/** The outcome of {@link evaluateLeak}, with every figure it used. */
export interface LeakVerdict {
  /** True when both slope and trend hold. */
  readonly leak: boolean;
  /** The readings, in bytes. */
  readonly samples: readonly number[];
  /** `samples[i + 1] − samples[i]`, in bytes. */
  readonly growth: readonly number[];
  /** Robust growth rate (Hodges–Lehmann estimate of the step slopes), in bytes per unit of x. */
  readonly slope: number;
  /** Steps whose slope is above `rule.minSlope`. */
  readonly growthSteps: number;
  /** Steps judged (readings − 1). */
  readonly steps: number;
  /** One-sided sign-test p-value of `growthSteps` out of `steps`. */
  readonly pValue: number;
  /** The rule applied. */
  readonly rule: LeakRule;
  /** Which of the two conditions held. */
  readonly checks: { readonly slope: boolean; readonly trend: boolean };
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
  if (!(rule.maxPValue > 0 && rule.maxPValue <= 1)) {
    throw new MemoryArgumentError(name('maxPValue'), 'a number in (0, 1]', rule.maxPValue);
  }
}

/** The fewest steps in which the rule can find a trend at all: 2^−steps ≤ maxPValue. */
export function minStepsFor(maxPValue: number): number {
  return Math.max(1, Math.ceil(Math.log2(1 / maxPValue) - 1e-9));
}

function checkPoints(xs: readonly number[], ys: readonly number[]): void {
  if (xs.length < 2) throw new MemoryArgumentError('xs', 'at least 2 points', xs.length);
  for (const value of [...xs, ...ys]) {
    if (!Number.isFinite(value)) throw new MemoryArgumentError('xs/ys', 'finite numbers', value);
  }
}

/**
 * Applies the {@link LeakRule} to readings `ys` taken at `xs` (iterations run, seconds elapsed …),
 * `xs` strictly increasing.
 *
 * @example
 * ```ts
 * evaluateLeak([0, 100, 200, 300, 400, 500, 600], heapAfterGc, { minSlope: 32, maxPValue: 0.05 });
 * ```
 */
export function evaluateLeak(
  xs: readonly number[],
  ys: readonly number[],
  rule: LeakRule,
): LeakVerdict {
  checkRule(rule);
  checkPoints(xs, ys);
  const slopes = stepSlopes(xs, ys);
  const slope = hodgesLehmann(slopes);
  const growthSteps = slopes.filter((s) => s > rule.minSlope).length;
  const pValue = signTestPValue(growthSteps, slopes.length);
  const checks = { slope: slope > rule.minSlope, trend: pValue <= rule.maxPValue };
  return {
    leak: checks.slope && checks.trend,
    samples: [...ys],
    growth: ys.slice(1).map((y, i) => y - ys[i]!),
    slope,
    growthSteps,
    steps: slopes.length,
    pValue,
    rule,
    checks,
  };
}
