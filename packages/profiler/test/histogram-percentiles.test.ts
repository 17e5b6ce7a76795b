import { seededRandom } from '@hotpath/testing';
import { describe, expect, it } from 'vitest';
import { Histogram, ProfilerArgumentError } from '../src/index.ts';

function exact(sorted: Float64Array, q: number): number {
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

const QUANTILES = [0, 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];
const DISTRIBUTIONS: Record<string, (next: () => number) => number> = {
  uniform: (next) => 1 + next() * 999,
  exponential: (next) => -Math.log(1 - next()) * 20,
  lognormal: (next) =>
    Math.exp(2 + 1.5 * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())),
  'wide range (1 µs to 100 s)': (next) => 10 ** (-3 + next() * 8),
};

describe('Histogram percentiles', () => {
  for (const [name, draw] of Object.entries(DISTRIBUTIONS)) {
    for (const bits of [4, 7, 10]) {
      it(`match exact sorted-array percentiles within 2^-(bits+1) on ${name} data, ${bits} bits`, () => {
        const next = seededRandom(bits * 7919 + name.length);
        const histogram = new Histogram({ precisionBits: bits });
        const values = new Float64Array(50_000);
        for (let i = 0; i < values.length; i++) {
          values[i] = draw(next);
          histogram.record(values[i]!);
        }
        values.sort();
        const bound = 2 ** -(bits + 1);
        expect(histogram.relativeError).toBe(bound);
        const got = histogram.percentiles(QUANTILES);
        QUANTILES.forEach((q, i) => {
          const want = exact(values, q);
          expect(Math.abs(got[i]! - want) / want, `q=${q}`).toBeLessThanOrEqual(bound);
        });
      });
    }
  }

  it('reports exact count, sum, mean, min and max', () => {
    const histogram = new Histogram();
    for (const value of [3, 1, 4, 1, 5, 9, 2, 6]) histogram.record(value);
    const stats = histogram.stats();
    expect(stats).toMatchObject({ count: 8, sum: 31, mean: 31 / 8, min: 1, max: 9 });
    expect(histogram.percentile(0)).toBe(1);
    expect(histogram.percentile(1)).toBe(9);
  });

  it('returns the quantiles in the order asked, from one walk', () => {
    const histogram = new Histogram();
    for (let i = 1; i <= 1000; i++) histogram.record(i);
    const [p99, p50] = histogram.percentiles([0.99, 0.5]);
    expect(Math.abs(p99! - 990) / 990).toBeLessThanOrEqual(histogram.relativeError);
    expect(Math.abs(p50! - 500) / 500).toBeLessThanOrEqual(histogram.relativeError);
  });

  it('is all zeros when empty and after reset', () => {
    const histogram = new Histogram();
    expect(histogram.stats()).toEqual({
      count: 0,
      sum: 0,
      mean: 0,
      min: 0,
      max: 0,
      p50: 0,
      p90: 0,
      p95: 0,
      p99: 0,
      p999: 0,
    });
    histogram.record(12);
    histogram.reset();
    expect(histogram.stats().count).toBe(0);
    expect(histogram.buckets()).toEqual([]);
    histogram.record(7);
    expect(histogram.stats()).toMatchObject({ count: 1, min: 7, max: 7, p50: 7 });
  });

  it('keeps values outside [lowest, highest] in the edge buckets with exact min and max', () => {
    const histogram = new Histogram({ lowest: 1, highest: 1000 });
    for (const value of [0, 0.25, 5000, 1e12]) histogram.record(value);
    expect(histogram.stats()).toMatchObject({ count: 4, min: 0, max: 1e12 });
    expect(histogram.percentile(1)).toBe(1e12);
    expect(histogram.percentile(0.25)).toBeLessThanOrEqual(1);
  });

  it('merges another histogram and counts values at or below a bound', () => {
    const a = new Histogram();
    const b = a.emptyCopy();
    for (let i = 1; i <= 100; i++) (i % 2 ? a : b).record(i);
    a.add(b);
    expect(a.count).toBe(100);
    expect(a.sum).toBe(5050);
    expect(a.countAtOrBelow(50)).toBe(50);
    expect(a.countAtOrBelow(1000)).toBe(100);
    expect(a.buckets().reduce((sum, bucket) => sum + bucket.count, 0)).toBe(100);
    expect(() => a.add(new Histogram({ precisionBits: 3 }))).toThrow(ProfilerArgumentError);
  });

  it('rejects negative, NaN and infinite values and bad options with a coded TypeError', () => {
    const histogram = new Histogram();
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => histogram.record(bad)).toThrow(TypeError);
    }
    expect(() => histogram.percentile(1.5)).toThrow(/quantile must be a number between 0 and 1/);
    expect(() => new Histogram({ precisionBits: 0 })).toThrow(ProfilerArgumentError);
    expect(() => new Histogram({ lowest: 10, highest: 1 })).toThrow(/options.highest/);
    try {
      histogram.record(-1);
    } catch (error) {
      expect((error as ProfilerArgumentError).code).toBe('HOTPATH_PROFILER_INVALID_ARGUMENT');
    }
    expect(histogram.count).toBe(0);
  });
});
