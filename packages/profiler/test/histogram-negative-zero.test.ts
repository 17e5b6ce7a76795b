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
