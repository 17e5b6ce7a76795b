import { describe, expect, it } from 'vitest';
import {
  BenchArgumentError,
  bootstrapMedian,
  createRandom,
  estimateRatio,
  holm,
  logRatios,
  median,
  medianRatio,
  quantile,
  shuffle,
} from '../src/index.ts';

describe('median and quantile', () => {
  it('match R type-7 quantiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // R: quantile(c(1, 2, 3, 4, 10), c(0.25, 0.9)) → 2, 7.6
    expect(quantile([1, 2, 3, 4, 10], 0.25)).toBe(2);
    expect(quantile([1, 2, 3, 4, 10], 0.9)).toBeCloseTo(7.6, 12);
  });

  it('rejects empty input and a q outside [0, 1]', () => {
    expect(() => median([])).toThrow(BenchArgumentError);
    expect(() => quantile([1], 1.5)).toThrow(/"q" must be in \[0, 1\]/);
  });
});

describe('holm', () => {
  it('matches R p.adjust(p, "holm")', () => {
    // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") → 0.03 0.06 0.06 0.02
    const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
    for (const [i, value] of [0.03, 0.06, 0.06, 0.02].entries()) {
      expect(adjusted[i]).toBeCloseTo(value, 12);
    }
  });

  it('caps at 1 and keeps a single p-value as is', () => {
    expect(holm([0.5, 0.6])).toEqual([1, 1]);
    expect(holm([0.02])).toEqual([0.02]);
    expect(holm([])).toEqual([]);
  });

  it('rejects p-values outside [0, 1]', () => {
    expect(() => holm([0.1, 2])).toThrow(/p-value 1 must be in \[0, 1\]/);
  });
});

describe('log-ratios', () => {
  it('are symmetric for slow-downs and speed-ups', () => {
    const [up, down] = logRatios([2, 1], [1, 2]);
    expect(up).toBeCloseTo(Math.LN2, 12);
    expect(down).toBeCloseTo(-Math.LN2, 12);
  });

  it('take the median ratio on the log scale', () => {
    expect(medianRatio([2, 4, 9], [1, 1, 1])).toBeCloseTo(4, 12);
    expect(medianRatio([2, 8], [1, 1])).toBeCloseTo(4, 12); // geometric mean of the middle pair
  });

  it('need paired, positive samples', () => {
    expect(() => logRatios([1, 2], [1])).toThrow(/same length/);
    expect(() => logRatios([0], [1])).toThrow(/non-positive/);
  });
});

describe('seeded random', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(Array.from({ length: 5 }, c)).not.toEqual(first);
  });

  it('is uniform enough on [0, 1)', () => {
    const random = createRandom(7);
    const draws = Array.from({ length: 100_000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(Math.abs(draws.reduce((s, x) => s + x, 0) / draws.length - 0.5)).toBeLessThan(0.01);
  });

  it('shuffles into a permutation', () => {
    const items = shuffle([1, 2, 3, 4, 5, 6], createRandom(1));
    expect([...items].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('bootstrapMedian', () => {
  it('gives a zero-width interval for constant data', () => {
    const estimate = bootstrapMedian([0.1, 0.1, 0.1, 0.1], { resamples: 1000 });
    expect(estimate).toMatchObject({ median: 0.1, low: 0.1, high: 0.1, n: 4 });
  });

  it('is reproducible with a seed, and its interval holds the median', () => {
    const values = [5, 1, 9, 3, 7, 2, 8, 4, 6];
    const a = bootstrapMedian(values, { seed: 3, resamples: 2000 });
    expect(bootstrapMedian(values, { seed: 3, resamples: 2000 })).toEqual(a);
    expect(a.median).toBe(5);
    expect(a.low).toBeGreaterThanOrEqual(1);
    expect(a.low).toBeLessThan(5);
    expect(a.high).toBeGreaterThan(5);
    expect(a.high).toBeLessThanOrEqual(9);
  });

  it('reaches the smallest p-value when every sample is on one side', () => {
    const estimate = bootstrapMedian([1, 2, 3, 4, 5, 6, 7, 8], { resamples: 999 });
    expect(estimate.p).toBeCloseTo(2 / 1000, 12);
  });

  it('gives p = 1 when the data are centred on the null value', () => {
    expect(bootstrapMedian([-2, -1, 0, 1, 2], { resamples: 999 }).p).toBe(1);
  });

  it('rejects bad options', () => {
    expect(() => bootstrapMedian([1], { resamples: 10 })).toThrow(/"resamples"/);
    expect(() => bootstrapMedian([1], { confidence: 1 })).toThrow(/"confidence"/);
    expect(() => bootstrapMedian([])).toThrow(/must not be empty/);
  });
});

describe('estimateRatio', () => {
  it('reports the paired ratio on the ratio scale', () => {
    const head = [1.1, 2.2, 3.3, 4.4, 5.5, 6.6];
    const base = [1, 2, 3, 4, 5, 6];
    const estimate = estimateRatio(head, base, { resamples: 1000 });
    expect(estimate.ratio).toBeCloseTo(1.1, 12);
    expect(estimate.low).toBeCloseTo(1.1, 12);
    expect(estimate.high).toBeCloseTo(1.1, 12);
    expect(estimate.p).toBeLessThan(0.01);
  });

  it('tests against a given null ratio', () => {
    const estimate = estimateRatio([2, 2, 2, 2], [1, 1, 1, 1], { nullRatio: 2, resamples: 1000 });
    expect(estimate.p).toBe(1);
  });
});
