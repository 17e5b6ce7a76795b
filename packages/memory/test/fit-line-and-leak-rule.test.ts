import { describe, expect, it } from 'vitest';
import { evaluateLeak, fitLine, MemoryArgumentError } from '../src/index.ts';

const rule = { minSlope: 10, minR2: 0.8, minGrowthSteps: 6, window: 8 };
const xs = Array.from({ length: 9 }, (_, i) => i * 100);

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

describe('evaluateLeak', () => {
  it('flags steady linear growth, with every check passing', () => {
    const verdict = evaluateLeak(
      xs,
      xs.map((x) => 1e6 + 50 * x),
      rule,
    );
    expect(verdict.leak).toBe(true);
    expect(verdict.slope).toBeCloseTo(50, 9);
    expect(verdict.r2).toBeCloseTo(1, 12);
    expect(verdict.growth).toEqual(Array(8).fill(5000));
    expect(verdict).toMatchObject({ growthSteps: 8, window: 8, rule });
  });

  it('does not flag a one-off jump that then stays flat (streak fails)', () => {
    const ys = [0, 0, 0, 0, 90_000, 90_000, 90_000, 90_000, 90_000];
    const verdict = evaluateLeak(xs, ys, rule);
    expect(verdict.checks).toMatchObject({ slope: true, streak: false });
    expect(verdict.growthSteps).toBe(1);
    expect(verdict.leak).toBe(false);
  });

  it('does not flag growth that is mostly noise (fit fails)', () => {
    const ys = [0, 9000, 1000, 12_000, 2000, 14_000, 3000, 16_000, 4000];
    const verdict = evaluateLeak(xs, ys, { ...rule, minGrowthSteps: 4 });
    expect(verdict.checks.fit).toBe(false);
    expect(verdict.leak).toBe(false);
  });

  it('does not flag slow, clean growth below the slope threshold', () => {
    const verdict = evaluateLeak(
      xs,
      xs.map((x) => 5 * x),
      rule,
    );
    expect(verdict.checks).toEqual({ slope: false, fit: true, streak: true });
    expect(verdict.leak).toBe(false);
  });

  it('rejects an invalid rule', () => {
    expect(() => evaluateLeak(xs, xs, { ...rule, minR2: 2 })).toThrow(/minR2/);
    expect(() => evaluateLeak(xs, xs, { ...rule, window: 0 })).toThrow(/window/);
  });
});
