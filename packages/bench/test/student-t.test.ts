import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BenchArgumentError,
  studentTCdf,
  studentTQuantile,
  tInterval,
  tTestP,
} from '../src/index.ts';
import { propertySeeds } from './property-seeds.ts';

describe("Student's t distribution", () => {
  it.each([
    // References: R's pt(q, df), checked against numerical integration of the t density.
    [2, 5, 0.9490302605850709],
    [-3, 7, 0.009971063065996263],
    [0, 3, 0.5],
    [1.5, 1, 0.81283295818901],
    [10, 30, 0.999999999977119],
  ])('pt(%d, %d) = %d', (t, df, p) => {
    expect(studentTCdf(t, df)).toBeCloseTo(p, 9);
  });

  it.each([
    // References: R's qt(p, df), checked by bisection on the integrated density.
    [0.975, 1, 12.706204736174698],
    [0.975, 4, 2.7764451051977987],
    [0.975, 7, 2.3646242515927844],
    [0.95, 30, 1.6972608865939978],
    [0.025, 5, -2.5705818356363146],
  ])('qt(%d, %d) = %d', (p, df, q) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(q, 8);
  });

  it.each(propertySeeds('student-t'))(
    'the quantile inverts the CDF for every p and df (seed %i)',
    (seed) => {
      const p = fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true });
      const df = fc.double({ min: 0.5, max: 500, noNaN: true });
      fc.assert(
        fc.property(
          p,
          df,
          (p, df) => Math.abs(studentTCdf(studentTQuantile(p, df), df) - p) < 1e-9,
        ),
        { seed, numRuns: 300 },
      );
    },
  );

  it('rejects a bad p or df', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(BenchArgumentError);
    expect(() => studentTCdf(1, 0)).toThrow(/"df" must be a positive number/);
    expect(() => studentTCdf(Number.NaN, 3)).toThrow(/"t" must be a number/);
  });
});

describe('tInterval and tTestP', () => {
  it('match R t.test for the mean', () => {
    // R: t.test(1:4) → conf.int 0.4457397 4.5542603, p-value 0.03047
    const interval = tInterval([1, 2, 3, 4]);
    expect(interval.mean).toBe(2.5);
    expect(interval.low).toBeCloseTo(0.4457397, 6);
    expect(interval.high).toBeCloseTo(4.5542603, 6);
    expect(interval.df).toBe(3);
    expect(tTestP([1, 2, 3, 4])).toBeCloseTo(0.03047, 4);
    // R: t.test(1:4, mu = 1, alternative = "greater")$p.value → 0.05136
    expect(tTestP([1, 2, 3, 4], 1, 'greater')).toBeCloseTo(0.0513640394, 8);
  });

  it("trims with Yuen's method: one wild value moves neither the estimate nor the interval much", () => {
    // Sorted 1 2 3 4 100, trim 0.2: g = 1, trimmed mean of 2 3 4 = 3, Winsorized 2 2 3 4 4
    // (sum of squares 4), se = √(4 / (3 × 2)), df = 2.
    const interval = tInterval([100, 1, 2, 3, 4], 0.95, { trim: 0.2 });
    expect(interval.mean).toBe(3);
    expect(interval.se).toBeCloseTo(Math.sqrt(4 / 6), 12);
    expect(interval.df).toBe(2);
    expect(interval.high - interval.mean).toBeCloseTo(Math.sqrt(4 / 6) * 4.302652729911275, 8);
    expect(tInterval([100, 1, 2, 3, 4]).high).toBeGreaterThan(60);
  });

  it('gives p = 0 or 1 for values without spread', () => {
    expect(tTestP([2, 2, 2], 1)).toBe(0);
    expect(tTestP([2, 2, 2], 2)).toBe(1);
    expect(tTestP([2, 2, 2], 3, 'greater')).toBe(1);
    expect(tTestP([2, 2, 2], 2, 'less')).toBe(1);
  });

  it('needs two values left after trimming, finite values and a trim below one half', () => {
    expect(() => tInterval([1])).toThrow(/at least 2 values/);
    expect(() => tInterval([1, Number.POSITIVE_INFINITY])).toThrow(/finite/);
    expect(() => tInterval([1, 2, 3], 0.95, { trim: 0.5 })).toThrow(/"trim"/);
    expect(() => tInterval([1, 2], 1)).toThrow(/"confidence"/);
  });
});
