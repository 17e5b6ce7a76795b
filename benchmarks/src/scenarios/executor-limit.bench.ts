import { limit } from '@hotpath/executor';
import pLimit from 'p-limit';
import PQueue from 'p-queue';
import type { Scenario } from '../harness.ts';

// tinybench runs at least 64 calls per task and round; the smoke run (CI) uses a smaller
// input so that the slowest peer still finishes in well under a second.
const TASKS = process.argv.includes('--smoke') ? 2_000 : 100_000;
const CONCURRENCY = 8;
const noop = async (): Promise<void> => {};

function all(schedule: (fn: () => Promise<void>) => Promise<unknown>): Promise<unknown[]> {
  const calls = new Array<Promise<unknown>>(TASKS);
  for (let i = 0; i < TASKS; i++) calls[i] = schedule(noop);
  return Promise.all(calls);
}

const scenario: Scenario = {
  name: `executor: limit ${TASKS.toLocaleString('en')} no-op async calls, concurrency ${CONCURRENCY}`,
  itemsPerCall: TASKS,
  tasks: {
    hotpath: () => {
      const run = limit(CONCURRENCY);
      return all((fn) => run(fn));
    },
    'p-limit': () => {
      const run = pLimit(CONCURRENCY);
      return all((fn) => run(fn));
    },
    'p-queue': () => {
      const queue = new PQueue({ concurrency: CONCURRENCY });
      return all((fn) => queue.add(fn));
    },
  },
  targets: [{ peer: 'p-limit', min: 2 }],
};

export default scenario;
