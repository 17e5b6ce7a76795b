import { describe, expect, it } from 'vitest';
import { TimingHistogram } from '../src/internal/timing.ts';

describe('TimingHistogram', () => {
  it('summarises an empty histogram as zeros', () => {
    expect(new TimingHistogram().summary()).toEqual({
      count: 0,
      min: 0,
      mean: 0,
      max: 0,
      p50: 0,
      p90: 0,
      p99: 0,
    });
  });

  it('keeps exact microseconds below 256 µs and count, min, max and mean exact above', () => {
    const histogram = new TimingHistogram();
    for (const ms of [0.001, 0.1, 0.2, 0.255, 5, 2_000]) histogram.recordMs(ms);
    const summary = histogram.summary();
    expect(summary).toMatchObject({ count: 6, min: 0.001, max: 2_000 });
    expect(summary.mean).toBeCloseTo((0.001 + 0.1 + 0.2 + 0.255 + 5 + 2_000) / 6, 9);
    expect(histogram.percentileUs(50)).toBe(200);
    expect(histogram.percentileUs(10)).toBe(1);
  });

  it('answers percentiles within 1% across nine decades', () => {
    const histogram = new TimingHistogram();
    const values: number[] = [];
    for (let us = 1; us < 3_000_000_000; us = Math.ceil(us * 1.37) + 1) values.push(us);
    for (const us of values) histogram.recordMs(us / 1000);
    for (const percent of [1, 10, 25, 50, 75, 90, 99, 100]) {
      const exact = values[Math.max(1, Math.ceil((percent / 100) * values.length)) - 1]!;
      const answer = histogram.percentileUs(percent);
      expect(answer).toBeGreaterThanOrEqual(exact);
      expect(answer).toBeLessThanOrEqual(exact * 1.008 + 1);
    }
  });

  it('counts durations under 1 µs as 1 µs and over an hour as an hour', () => {
    const histogram = new TimingHistogram();
    histogram.recordMs(0);
    histogram.recordMs(10 * 3_600_000);
    expect(histogram.summary()).toMatchObject({ count: 2, min: 0.001, max: 3_600_000 });
    expect(histogram.percentileUs(100)).toBe(3_600_000_000);
  });
});
