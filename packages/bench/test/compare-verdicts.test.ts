import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeComparison,
  type BenchmarkSamples,
  createRandom,
  type JudgeSettings,
} from '../src/index.ts';
import { propertySeeds } from './property-seeds.ts';

const settings: JudgeSettings = { threshold: 0.02, alpha: 0.05, noiseLimit: 0.02, minRounds: 3 };

/**
 * A benchmark measured in `pairs` base/head process pairs of `rounds` rounds: base costs
 * 1 µs, head `ratio` times that; each pair has its own multiplicative offset (sd
 * `between`), each round its own noise (sd `within`).
 */
function benchmark(
  ratio: number,
  { pairs = 8, rounds = 8, between = 0.005, within = 0.01, seed = 1, task = 't' } = {},
): BenchmarkSamples {
  const random = createRandom(seed);
  const normal = (): number =>
    Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const processes = Array.from({ length: pairs }, () => {
    const offset = Math.exp(between * normal());
    const base = Array.from({ length: rounds }, () => 0.001 * Math.exp(within * normal()));
    const head = base.map((b) => b * ratio * offset * Math.exp(within * normal()));
    return { base, head };
  });
  return { scenario: 's', task, processes };
}

describe('analyzeComparison judges on the spread between process pairs', () => {
  it('calls identical code unchanged, with an interval around 1', () => {
    const { benchmarks, status } = analyzeComparison([benchmark(1)], settings);
    expect(status).toBe('pass');
    expect(benchmarks[0]).toMatchObject({ verdict: 'unchanged', n: 8, rounds: 8 });
    expect(benchmarks[0]!.low).toBeLessThan(1);
    expect(benchmarks[0]!.high).toBeGreaterThan(1);
  });

  it('flags a 10% slowdown as a regression and a 10% speed-up as an improvement', () => {
    const { benchmarks, status } = analyzeComparison(
      [benchmark(1.1, { task: 'slower' }), benchmark(1 / 1.1, { task: 'faster', seed: 2 })],
      settings,
    );
    expect(status).toBe('regression');
    expect(benchmarks.map((b) => [b.task, b.verdict])).toEqual([
      ['slower', 'regression'],
      ['faster', 'improvement'],
    ]);
    expect(benchmarks[0]!.low).toBeGreaterThan(1.02);
    expect(benchmarks[0]!.p).toBeLessThan(0.05);
  });

  it('does not fail a real change smaller than the threshold, and says it is one', () => {
    const { benchmarks, status } = analyzeComparison(
      [benchmark(1.01, { between: 0.001 })],
      settings,
    );
    expect(benchmarks[0]!.low).toBeGreaterThan(1);
    expect(benchmarks[0]!.verdict).toBe('within-threshold');
    expect(status).toBe('pass');
  });

  it('calls a benchmark whose pairs disagree too noisy, not a regression', () => {
    const { benchmarks, status } = analyzeComparison(
      [benchmark(1.03, { between: 0.08 })],
      settings,
    );
    expect(benchmarks[0]!.verdict).toBe('inconclusive');
    expect(status).toBe('too-noisy');
  });

  it('sets aside one pair hit by a burst of load (trimmed): the verdict holds', () => {
    const clean = benchmark(1.1);
    const hit = {
      ...clean,
      processes: clean.processes.map((p, i) =>
        i === 3 ? { ...p, head: p.head.map((h) => h * 1.6) } : p,
      ),
    };
    const [judged] = analyzeComparison([hit], settings).benchmarks;
    expect(judged!.verdict).toBe('regression');
    expect(judged!.ratio).toBeCloseTo(1.1, 1);
    expect(judged!.processRatios[3]).toBeGreaterThan(1.6);
  });

  it('reports base and head time per call with their spread over pairs', () => {
    const [b] = analyzeComparison([benchmark(1.5, { between: 0 })], settings).benchmarks;
    expect(b!.base.msPerCall).toBeCloseTo(0.001, 4);
    expect(b!.head.msPerCall).toBeCloseTo(0.0015, 4);
    expect(b!.base.spread).toBeGreaterThan(0);
    expect(b!.base.spread).toBeLessThan(0.02);
  });

  it('judges nothing with fewer rounds than minRounds or a single pair', () => {
    const few = analyzeComparison([benchmark(3, { rounds: 2 })], settings);
    expect(few.benchmarks[0]!.verdict).toBe('too-few-rounds');
    expect(few.status).toBe('pass');
    const one = analyzeComparison([benchmark(3, { pairs: 1 })], settings);
    expect(one.benchmarks[0]!.verdict).toBe('too-few-rounds');
  });

  it('judges each benchmark by its own interval, however many there are', () => {
    const slower = benchmark(1.05, { between: 0.004, seed: 5, task: 'slower' });
    const alone = analyzeComparison([slower], settings).benchmarks[0]!;
    const crowd = Array.from({ length: 19 }, (_, i) =>
      benchmark(1, { seed: 10 + i, task: `t${i}` }),
    );
    const among = analyzeComparison([slower, ...crowd], settings);
    expect(among.benchmarks[0]).toEqual(alone);
    expect(among.benchmarks.filter((b) => b.verdict === 'regression').map((b) => b.task)).toEqual([
      'slower',
    ]);
  });

  it('covers the true ratio in about 95% of simulated comparisons when pairs vary', () => {
    // 1,000 simulated A/A comparisons whose pairs differ by 2% (sd) between processes, far
    // more than between rounds: an interval over rounds alone would rarely contain 1.
    let covered = 0;
    for (let i = 0; i < 1000; i++) {
      const [b] = analyzeComparison(
        [benchmark(1, { between: 0.02, within: 0.005, seed: i })],
        settings,
      ).benchmarks;
      if (b!.low <= 1 && 1 <= b!.high) covered++;
    }
    expect(covered).toBeGreaterThan(930);
    expect(covered).toBeLessThan(990);
  });

  it.each(propertySeeds('compare verdicts'))(
    'a benchmark regresses exactly when its interval lies above 1 + threshold (seed %i)',
    (seed) => {
      const cases = fc.record({
        ratio: fc.double({ min: 0.8, max: 1.3, noNaN: true }),
        between: fc.double({ min: 0, max: 0.05, noNaN: true }),
        pairs: fc.integer({ min: 2, max: 12 }),
        seed: fc.integer(),
      });
      fc.assert(
        fc.property(cases, ({ ratio, between, pairs, seed: s }) => {
          const [b] = analyzeComparison(
            [benchmark(ratio, { between, pairs, seed: s })],
            settings,
          ).benchmarks;
          const above = b!.low > 1 + settings.threshold;
          const below = b!.high < 1 / (1 + settings.threshold);
          return (
            (b!.verdict === 'regression') === above &&
            (b!.verdict === 'improvement') === below &&
            b!.low <= b!.ratio &&
            b!.ratio <= b!.high
          );
        }),
        { seed, numRuns: 200 },
      );
    },
  );
});
