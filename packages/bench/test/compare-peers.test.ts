import { describe, expect, it } from 'vitest';
import { compareScenarios, createSpinTask, type Scenario } from '../src/index.ts';

function spinScenario(peerIterations: number, hotpathIterations = 20_000): Scenario {
  return {
    name: 'peers',
    tasks: {
      'hotpath spin': createSpinTask(hotpathIterations),
      'peer spin': createSpinTask(peerIterations),
    },
  };
}

describe('compareScenarios', () => {
  it("judges only hotpath tasks: a peer's code is the same on both sides", async () => {
    // The peer is 3× slower on head, as a module loaded twice could make it look.
    const pair = { name: 'peers', base: spinScenario(20_000), head: spinScenario(60_000) };
    const report = await compareScenarios([pair], { rounds: 8, timeMs: 10, probe: false });
    expect(report.benchmarks.map((b) => b.task)).toEqual(['hotpath spin']);
    expect(report.status).toBe('pass');
  });

  it('still compares every task of a scenario without hotpath tasks', async () => {
    const plain = (n: number): Scenario => ({ name: 'plain', tasks: { a: createSpinTask(n) } });
    const report = await compareScenarios(
      [{ name: 'plain', base: plain(20_000), head: plain(60_000) }],
      {
        rounds: 8,
        timeMs: 10,
        probe: false,
      },
    );
    expect(report.benchmarks.map((b) => [b.task, b.verdict])).toEqual([['a', 'regression']]);
  });
});
