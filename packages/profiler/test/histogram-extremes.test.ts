import { describe, expect, it } from 'vitest';
import { Histogram, ProfilerArgumentError } from '../src/index.ts';

describe('Histogram with −0 and NaN bounds', () => {
  it('records −0 as 0: percentiles, buckets and counts still see every value', () => {
    const h = new Histogram();
    for (const value of [-0, 5, 10]) h.record(value);
    expect(Object.is(h.min, 0)).toBe(true);
    expect(h.percentiles([0, 0.5, 1])).toEqual([0, expect.closeTo(5, 1), 10]);
    expect(h.buckets().reduce((sum, b) => sum + b.count, 0)).toBe(3);
    expect(h.cumulativeCounts([1, 7, 100])).toEqual([1, 2, 3]);
  });

  it('counts values at or below −0 like those at or below 0', () => {
    const h = new Histogram();
    for (const value of [0, 5]) h.record(value);
    expect(h.countAtOrBelow(-0)).toBe(1);
  });

  it('rejects a NaN bound with its typed error instead of counting everything', () => {
    const h = new Histogram();
    h.record(1);
    expect(() => h.countAtOrBelow(Number.NaN)).toThrow(ProfilerArgumentError);
  });

  it('merges a histogram that recorded −0 without losing its values', () => {
    const a = new Histogram();
    const b = a.emptyCopy();
    a.record(3);
    b.record(-0);
    a.add(b);
    expect(a.count).toBe(2);
    expect(a.percentiles([0, 1])).toEqual([0, 3]);
  });
});

describe('Histogram at the ends of the double range', () => {
  it('reads percentiles near MAX_VALUE within its error bound, not as MAX_VALUE', () => {
    const h = new Histogram({ highest: Number.MAX_VALUE });
    for (const value of [1, 1e308, Number.MAX_VALUE]) h.record(value);
    const [low, middle, high] = h.percentiles([0, 0.5, 1]);
    expect(low).toBe(1);
    expect(Math.abs(middle! / 1e308 - 1)).toBeLessThanOrEqual(h.relativeError);
    expect(high).toBe(Number.MAX_VALUE);
  });

  it.each([[1e-320], [5e-324], [2 ** -1023]])(
    'rejects a lowest of %d, a subnormal the bucket layout cannot read',
    (lowest) => {
      expect(() => new Histogram({ lowest, highest: 1 })).toThrow(ProfilerArgumentError);
    },
  );

  it('accepts the smallest normal double as lowest and keeps values there apart', () => {
    const h = new Histogram({ lowest: 2 ** -1022, highest: 1 });
    for (const value of [2 ** -1000, 2 ** -900, 2 ** -800]) h.record(value);
    expect(h.percentile(0.5) / 2 ** -900).toBeCloseTo(1, 2);
  });

  it('records subnormal values in its lowest bucket, with at most lowest as absolute error', () => {
    const h = new Histogram();
    for (const value of [5e-324, 1e-310, 0]) h.record(value);
    expect(h.count).toBe(3);
    expect(h.percentile(0.5)).toBeLessThanOrEqual(1e-6);
  });
});

describe('Histogram.add of something that is no Histogram', () => {
  it.each([
    ['a plain object', {}],
    ['null', null],
    ['a RollingHistogram-like object', { count: 1 }],
  ])('rejects %s with its typed error', (_, other) => {
    expect(() => new Histogram().add(other as never)).toThrow(ProfilerArgumentError);
  });
});
