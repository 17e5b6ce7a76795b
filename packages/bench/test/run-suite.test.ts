import { describe, expect, it } from 'vitest';
import {
  createSpinTask,
  formatSuiteMarkdown,
  formatSuiteTable,
  runSuite,
  type Scenario,
  suiteChartSvg,
  TaskFailedError,
} from '../src/index.ts';

// Tasks of exact relative cost: the peer does 3× the work, so the ratio is far from any
// threshold even on a loaded machine. Only ratios and verdicts are asserted, never times.
function scenario(targets: Scenario['targets']): Scenario {
  return {
    name: 'spin',
    itemsPerCall: 10,
    tasks: {
      'my spin': createSpinTask(20_000),
      'peer-slow': createSpinTask(60_000),
      'peer-fast': createSpinTask(6_667),
    },
    ...(targets ? { targets } : {}),
  };
}

describe('runSuite', () => {
  it('never runs a call of a promise-returning task alongside a measured one', async () => {
    // Not declared `async`: tinybench would call it once unawaited to find out, mid-measurement.
    let running = 0;
    let most = 0;
    const overlapping = () => {
      running++;
      most = Math.max(most, running);
      return new Promise<void>((resolve) => setImmediate(resolve)).finally(() => running--);
    };
    await runSuite([{ scenario: { name: 'async', tasks: { mine: overlapping } } }], {
      rounds: 3,
      timeMs: 5,
    });
    expect(most).toBe(1);
  });

  it('reports every task in declaration order with its time per call, and no ratios without targets', async () => {
    const report = await runSuite([{ scenario: scenario(undefined), file: 'spin.bench.ts' }], {
      rounds: 6,
      timeMs: 10,
      seed: 1,
    });
    const [result] = report.scenarios;
    expect(result!.file).toBe('spin.bench.ts');
    expect(result!.tasks.map((t) => t.name)).toEqual(['my spin', 'peer-slow', 'peer-fast']);
    expect(result!.tasks[0]!.itemsPerSec).toBeCloseTo(result!.tasks[0]!.opsPerSec * 10, 6);
    // Same code, 3× the iterations: the time per call says so (a ratio of costs, never a time).
    expect(result!.tasks[1]!.msPerCall / result!.tasks[0]!.msPerCall).toBeGreaterThan(2);
    expect(result!.tasks[0]!.spread).toBeGreaterThanOrEqual(0);
    expect(result!.ratios).toEqual([]);
    expect(report).toMatchObject({ broken: 0, processes: 1 });
  });

  it('meets a target against a slower peer and breaks one against a 3× faster peer', async () => {
    const targets = [
      { task: 'my spin', peer: 'peer-slow', min: 1 },
      { task: 'my spin', peer: 'peer-fast', min: 1 },
    ];
    const report = await runSuite([{ scenario: scenario(targets) }], { rounds: 8, timeMs: 10 });
    const ratios = report.scenarios[0]!.ratios;
    expect(ratios.map((r) => r.verdict)).toEqual(['met', 'broken']);
    expect(ratios[1]!.high).toBeLessThan(1);
    expect(ratios[1]!.pAdjusted).toBeLessThan(0.05);
    expect(report.broken).toBe(1);
    expect(formatSuiteTable(report)).toContain('BROKEN');
    expect(formatSuiteMarkdown(report)).toMatch(/^### ❌ Benchmarks/);
    expect(suiteChartSvg(report).match(/<circle /g)).toHaveLength(2);
  });

  it('reports a broken target with a known-gap reason without failing the run', async () => {
    const targets = [{ task: 'my spin', peer: 'peer-fast', min: 1, knownGap: 'tracked upstream' }];
    const report = await runSuite([{ scenario: scenario(targets) }], { rounds: 8, timeMs: 10 });
    const [ratio] = report.scenarios[0]!.ratios;
    expect(ratio!.verdict).toBe('known-gap');
    expect(ratio!.knownGap).toBe('tracked upstream');
    expect(report.broken).toBe(0);
    expect(formatSuiteTable(report)).toContain('known gap (not gating)');
  });

  it('stops at a round boundary when the budget runs out, never below minRounds', async () => {
    const targets = [{ task: 'my spin', peer: 'peer-slow', min: 1 }];
    const two = [
      { scenario: scenario(targets) },
      { scenario: { ...scenario(targets), name: 'b' } },
    ];
    const report = await runSuite(two, { rounds: 50, timeMs: 2, budgetMs: 1, minRounds: 6 });
    expect(report.scenarios.flatMap((s) => s.ratios.map((r) => r.n))).toEqual([6, 6]);
  });

  it('judges nothing in a smoke run (too few rounds)', async () => {
    const report = await runSuite(
      [{ scenario: scenario([{ task: 'my spin', peer: 'peer-fast', min: 1 }]) }],
      {
        rounds: 2,
        timeMs: 5,
      },
    );
    expect(report.scenarios[0]!.ratios[0]!.verdict).toBe('too-few-rounds');
    expect(report.broken).toBe(0);
  });

  it('runs setup once before and teardown once after, even when a task throws', async () => {
    const calls: string[] = [];
    const failing: Scenario = {
      name: 'failing',
      setup: () => calls.push('setup'),
      teardown: () => calls.push('teardown'),
      tasks: {
        'throws on call': () => {
          throw new Error('boom');
        },
      },
    };
    const error = await runSuite([{ scenario: failing }], { rounds: 3, timeMs: 5 }).catch((e) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error.code).toBe('HOTPATH_BENCH_TASK_FAILED');
    expect(error.message).toContain('failing › throws on call');
    expect(error.cause.message).toBe('boom');
    expect(calls).toEqual(['setup', 'teardown']);
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    const run = runSuite([{ scenario: scenario(undefined) }], {
      rounds: 3,
      timeMs: 5,
      signal: controller.signal,
    });
    await expect(run).rejects.toThrow('stop');
  });
});
