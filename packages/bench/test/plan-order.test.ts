import { describe, expect, it } from 'vitest';
import { createRandom, runSuite, type Scenario } from '../src/index.ts';
import { planOrder } from '../src/internal/measure-plans.ts';
import type { ScenarioPlan } from '../src/internal/pairing.ts';

function plan(file: string, name: string): ScenarioPlan {
  return { file, name, tasks: ['t'], targets: [], sides: [] };
}

/** Two scenarios of one file that share state, as repositories write them (one setup, one teardown). */
function sharingScenarios(log: string[]): Scenario[] {
  const state: { items?: number[] } = {};
  return [
    {
      name: 'creates',
      setup: () => {
        state.items = [1, 2, 3];
        log.push('setup');
      },
      tasks: { sum: () => state.items!.reduce((a, b) => a + b, 0) },
    },
    {
      name: 'uses',
      teardown: () => {
        state.items!.length = 0;
        log.push('teardown');
      },
      tasks: { max: () => Math.max(...state.items!) },
    },
  ];
}

describe('the order scenarios run in', () => {
  const plans = [
    plan('a.bench.ts', 'a1'),
    plan('b.bench.ts', 'b1'),
    plan('a.bench.ts', 'a2'),
    plan('c.bench.ts', 'c1'),
    plan('b.bench.ts', 'b2'),
  ];

  it('keeps the scenarios of one file in the order the file exports them, for every seed', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const order = planOrder(plans, createRandom(seed)).map((i) => plans[i]!.name);
      expect(order).toHaveLength(plans.length);
      expect(order.indexOf('a1')).toBeLessThan(order.indexOf('a2'));
      expect(order.indexOf('b1')).toBeLessThan(order.indexOf('b2'));
      // A file's scenarios run back to back.
      expect(Math.abs(order.indexOf('a1') - order.indexOf('a2'))).toBe(1);
    }
  });

  it('shuffles the files, so that over seeds each file runs first', () => {
    const first = new Set<string>();
    for (let seed = 1; seed <= 200; seed++) {
      first.add(plans[planOrder(plans, createRandom(seed))[0]!]!.file);
    }
    expect([...first].sort()).toEqual(['a.bench.ts', 'b.bench.ts', 'c.bench.ts']);
  });

  it('runs scenarios that share state through one setup and another teardown, whatever the seed', async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const log: string[] = [];
      const report = await runSuite(
        sharingScenarios(log).map((scenario) => ({ scenario, file: 'shared.bench.ts' })),
        { rounds: 2, minRounds: 2, timeMs: 2, seed },
      );
      expect(report.scenarios.map((s) => s.name)).toEqual(['creates', 'uses']);
      expect(log).toEqual(['setup', 'teardown']);
    }
  });
});
