import { propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateLeak,
  fitLine,
  hodgesLehmann,
  MemoryArgumentError,
  signTestPValue,
  stepSlopes,
} from '../src/index.ts';

const rule = { minSlope: 10, maxPValue: 0.05 };
const xs = Array.from({ length: 9 }, (_, i) => i * 100);
const seeds = propertySeeds('memory leak rule');

describe('fitLine', () => {
  it('recovers an exact line with R² = 1', () => {
    const fit = fitLine([0, 1, 2, 3, 4], [7, 10, 13, 16, 19]);
    expect(fit).toEqual({ n: 5, slope: 3, intercept: 7, r2: 1 });
  });

  it('gives the textbook slope, intercept and R² for a zig-zag', () => {
    // x̄ = 1.5, ȳ = 0.5, Sxy = 1, Sxx = 5, Syy = 1 → slope 0.2, intercept 0.2, R² = 0.2.
    const fit = fitLine([0, 1, 2, 3], [0, 1, 0, 1]);
    expect(fit.slope).toBeCloseTo(0.2, 12);
    expect(fit.intercept).toBeCloseTo(0.2, 12);
    expect(fit.r2).toBeCloseTo(0.2, 12);
  });

  it('keeps precision on large byte counts and reports R² = 1 for a flat series', () => {
    const base = 2 ** 40;
    expect(fitLine([0, 1, 2], [base, base + 1024, base + 2048]).slope).toBe(1024);
    expect(fitLine([0, 1, 2], [5, 5, 5])).toEqual({ n: 3, slope: 0, intercept: 5, r2: 1 });
  });

  it('rejects mismatched, short or non-finite input with a MemoryArgumentError', () => {
    expect(() => fitLine([0, 1], [1])).toThrow(MemoryArgumentError);
    expect(() => fitLine([0], [1])).toThrow(/at least 2 points/);
    expect(() => fitLine([0, 1], [1, Number.NaN])).toThrow(TypeError);
    expect(() => fitLine([1, 1], [1, 2])).toThrow(/distinct/);
  });
});

describe('robust statistics', () => {
  it('Hodges–Lehmann: the median of pairwise means, barely moved by one outlier', () => {
    expect(hodgesLehmann([3])).toBe(3);
    // Walsh averages of [1, 2, 9]: 1, 1.5, 5, 2, 5.5, 9 → median of 6 = (2 + 5) / 2.
    expect(hodgesLehmann([1, 2, 9])).toBe(3.5);
    expect(hodgesLehmann([10, 11, 9, 10, 12, 10, 11, -500])).toBe(10);
    expect(() => hodgesLehmann([])).toThrow(MemoryArgumentError);
  });

  it('sign test: exact binomial tails', () => {
    expect(signTestPValue(8, 8)).toBe(1 / 256);
    expect(signTestPValue(7, 8)).toBeCloseTo(9 / 256, 15);
    expect(signTestPValue(8, 9)).toBeCloseTo(10 / 512, 15);
    expect(signTestPValue(0, 5)).toBe(1);
    expect(signTestPValue(600, 1000)).toBeCloseTo(1.36e-10, 11);
    expect(() => signTestPValue(3, 2)).toThrow(/successes/);
    expect(() => signTestPValue(1, 1001)).toThrow(/trials/);
  });

  it('step slopes divide each rise by its run, and need strictly increasing x', () => {
    expect(stepSlopes([0, 2, 3], [0, 10, 40])).toEqual([5, 30]);
    expect(() => stepSlopes([0, 0], [1, 2])).toThrow(/strictly increasing/);
  });
});

describe('evaluateLeak', () => {
  it('flags steady linear growth, with both checks passing', () => {
    const verdict = evaluateLeak(
      xs,
      xs.map((x) => 1e6 + 50 * x),
      rule,
    );
    expect(verdict.leak).toBe(true);
    expect(verdict.slope).toBeCloseTo(50, 9);
    expect(verdict.growth).toEqual(Array(8).fill(5000));
    expect(verdict).toMatchObject({ growthSteps: 8, steps: 8, pValue: 1 / 256, rule });
  });

  it('flags growth that one large free interrupts: a least-squares line would not', () => {
    const ys = [0, 5000, 10_000, 15_000, -200_000, -195_000, -190_000, -185_000, -180_000];
    expect(fitLine(xs, ys).slope).toBeLessThan(0);
    const verdict = evaluateLeak(xs, ys, rule);
    expect(verdict).toMatchObject({
      leak: true,
      growthSteps: 7,
      checks: { slope: true, trend: true },
    });
    expect(verdict.slope).toBeCloseTo(50, 9);
  });

  it('does not flag a one-off jump that then stays flat (trend fails)', () => {
    const ys = [0, 0, 0, 0, 90_000, 90_000, 90_000, 90_000, 90_000];
    const verdict = evaluateLeak(xs, ys, rule);
    expect(verdict.checks).toEqual({ slope: false, trend: false });
    expect(verdict.growthSteps).toBe(1);
  });

  it('does not flag a sawtooth whose few big rises pull the estimate up (trend fails)', () => {
    const ys = [25, 0, 50, 25, 0, 50, 25, 0, 50].map((lines) => lines * 512);
    const verdict = evaluateLeak(xs, ys, { minSlope: 30, maxPValue: 0.05 });
    expect(verdict.checks.trend).toBe(false);
    expect(verdict.leak).toBe(false);
  });

  it('does not flag slow, clean growth below the slope threshold', () => {
    const verdict = evaluateLeak(
      xs,
      xs.map((x) => 5 * x),
      rule,
    );
    expect(verdict.checks).toEqual({ slope: false, trend: false });
  });

  it('rejects an invalid rule or series with a MemoryArgumentError', () => {
    expect(() => evaluateLeak(xs, xs, { ...rule, maxPValue: 0 })).toThrow(/maxPValue/);
    expect(() => evaluateLeak(xs, xs, { ...rule, minSlope: -1 })).toThrow(/minSlope/);
    expect(() => evaluateLeak([0], [0], rule)).toThrow(/at least 2 points/);
    expect(() => evaluateLeak([0, 1], [0, Number.POSITIVE_INFINITY], rule)).toThrow(/finite/);
  });
});

/** Series of 9 readings: byte counts up to 2^40, including negative steps. */
const readings = fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), {
  minLength: 9,
  maxLength: 9,
});

describe('evaluateLeak properties', () => {
  it('adding the same number of bytes to every reading never changes the verdict', () => {
    for (const seed of seeds) {
      fc.assert(
        fc.property(readings, fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), (ys, shift) => {
          const a = evaluateLeak(xs, ys, rule);
          const b = evaluateLeak(
            xs,
            ys.map((y) => y + shift),
            rule,
          );
          return a.leak === b.leak && a.growthSteps === b.growthSteps;
        }),
        { seed },
      );
    }
  });

  it('memory that only ever shrinks or stays is never a leak', () => {
    for (const seed of seeds) {
      fc.assert(
        fc.property(readings, (ys) => {
          const falling = [...ys].sort((a, b) => b - a);
          return !evaluateLeak(xs, falling, rule).leak;
        }),
        { seed },
      );
    }
  });

  it('growth above the threshold in every step is always a leak, whatever one step frees', () => {
    for (const seed of seeds) {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 1_001, max: 1e9 }), { minLength: 8, maxLength: 8 }),
          fc.nat(7),
          fc.integer({ min: 0, max: 2 ** 40 }),
          (steps, freedAt, freed) => {
            const ys = [0];
            for (const [i, step] of steps.entries())
              ys.push(ys[i]! + step - (i === freedAt ? freed : 0));
            return evaluateLeak(xs, ys, rule).leak;
          },
        ),
        { seed },
      );
    }
  });
});
