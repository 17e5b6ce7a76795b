import type { Scenario } from '@hotpath/bench';
import { limit } from '@hotpath/executor';
import pLimit from 'p-limit';
import PQueue from 'p-queue';

// tinybench runs at least 64 calls per task and round. With 100,000 calls per task p-queue
// (about 0.1 M calls/s) would need minutes per round, so a call schedules 10,000 tasks
// (2,000 in the CI smoke run); the concurrency and the work per task are the issue's.
const TASKS = process.argv.includes('--smoke') ? 2_000 : 10_000;
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
  targets: [{ task: 'hotpath', peer: 'p-limit', min: 2 }],
};

export default scenario;
