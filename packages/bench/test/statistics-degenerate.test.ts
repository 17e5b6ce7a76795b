import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BenchArgumentError,
  bootstrapMedian,
  createRandom,
  createSpinTask,
  estimateRatio,
  logRatios,
  median,
  quantile,
  runSuite,
  type Scenario,
} from '../src/index.ts';
import { propertySeeds } from './property-seeds.ts';

const FAST = { resamples: 200 } as const;

describe('statistics on degenerate and hostile samples', () => {
  it.each([
    ['NaN', [Number.NaN, 1, 2]],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['-Infinity', [1, Number.NEGATIVE_INFINITY]],
    ['a string', [1, '2' as unknown as number]],
  ])('median, quantile and bootstrapMedian reject a sample holding %s', (_, values) => {
    expect(() => median(values)).toThrow(BenchArgumentError);
    expect(() => quantile(values, 0.5)).toThrow(BenchArgumentError);
    expect(() => bootstrapMedian(values, FAST)).toThrow(BenchArgumentError);
  });

  it.each([
    ['undefined', undefined],
    ['a string', '123'],
    ['an object', { length: 1, 0: 1 }],
  ])('median and bootstrapMedian reject %s as values with their typed error', (_, values) => {
    expect(() => median(values as never)).toThrow(BenchArgumentError);
    expect(() => bootstrapMedian(values as never, FAST)).toThrow(BenchArgumentError);
  });

  it('bootstrapMedian rejects null options with its typed error', () => {
    expect(() => bootstrapMedian([1, 2, 3], null as never)).toThrow(BenchArgumentError);
  });

  it('takes the median of two huge values of opposite sign without overflowing', () => {
    expect(median([-Number.MAX_VALUE, Number.MAX_VALUE])).toBe(0);
    const quarter = quantile([-Number.MAX_VALUE, Number.MAX_VALUE], 0.25);
    expect(quarter / (-Number.MAX_VALUE / 2)).toBeCloseTo(1, 12);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])(
    'bootstrapMedian rejects a nullValue of %s instead of calling any data significant',
    (_, nullValue) => {
      expect(() => bootstrapMedian([1, 2, 3], { ...FAST, nullValue })).toThrow(BenchArgumentError);
    },
  );

  it.each([[0], [-1], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    'estimateRatio rejects a nullRatio of %d instead of calling equal samples different',
    (nullRatio) => {
      expect(() => estimateRatio([1, 2, 3], [1, 2, 3], { ...FAST, nullRatio })).toThrow(
        BenchArgumentError,
      );
    },
  );

  it('logRatios rejects an infinite sample, whose ratio is no number', () => {
    expect(() => logRatios([Number.POSITIVE_INFINITY], [1])).toThrow(BenchArgumentError);
    expect(() => logRatios([1], [Number.POSITIVE_INFINITY])).toThrow(BenchArgumentError);
  });

  it.each([[2 ** 32], [2 ** 40], [-(2 ** 31) - 1]])(
    'createRandom rejects seed %d, which would repeat the run of another seed',
    (seed) => {
      expect(() => createRandom(seed)).toThrow(BenchArgumentError);
    },
  );

  it('gives all-equal samples a zero-width interval at their value and p = 1 against it', () => {
    const estimate = bootstrapMedian([7, 7, 7, 7], { ...FAST, nullValue: 7 });
    expect(estimate).toMatchObject({ median: 7, low: 7, high: 7, p: 1 });
  });

  it.each(propertySeeds('statistics-degenerate'))(
    'the bootstrap interval always holds the sample median and lies within the sample range (seed %i)',
    (seed) => {
      const sample = fc.array(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.constantFrom(0, -0, 5e-324, 1e300, -1e300),
        ),
        { minLength: 1, maxLength: 12 },
      );
      fc.assert(
        fc.property(sample, (values) => {
          const { median: m, low, high } = bootstrapMedian(values, FAST);
          const [min, max] = [Math.min(...values), Math.max(...values)];
          expect(Number.isFinite(m) && Number.isFinite(low) && Number.isFinite(high)).toBe(true);
          expect(low <= m && m <= high).toBe(true);
          expect(min <= low && high <= max).toBe(true);
        }),
        { seed, numRuns: 100 },
      );
    },
  );
});

describe('runSuite seeds', () => {
  const tiny: Scenario = {
    name: 'tiny',
    tasks: { a: createSpinTask(100), b: createSpinTask(100) },
    targets: [{ task: 'a', peer: 'b', min: 0.1 }],
  };

  it('rejects a seed the generator cannot read whole, before measuring', async () => {
    await expect(
      runSuite([{ scenario: tiny }], { seed: 2 ** 40, rounds: 2, timeMs: 1 }),
    ).rejects.toThrow(BenchArgumentError);
  });

  it('runs with the largest seed, whose derived per-scenario seeds wrap to 32 bits', async () => {
    const report = await runSuite([{ scenario: tiny }], {
      seed: 2 ** 32 - 1,
      rounds: 2,
      timeMs: 1,
    });
    expect(report.seed).toBe(2 ** 32 - 1);
    expect(report.scenarios[0]!.ratios).toHaveLength(1);
  });
});
