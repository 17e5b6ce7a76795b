import type { Scenario } from '@hotpath/bench';
import { map } from '@hotpath/executor';
import { eachLimit, mapLimit } from 'async';
import pMap from 'p-map';

// tinybench runs at least 64 calls per task and round; the smoke run (CI) uses a smaller
// input so that the slowest peer still finishes in well under a second.
const TASKS = process.argv.includes('--smoke') ? 2_000 : 100_000;
const CONCURRENCY = 8;
const items = Array.from({ length: TASKS }, (_, i) => i);
// The same no-op async task for everyone: one resolved promise per call.
const noop = async (_item: number): Promise<void> => {};

const scenario: Scenario = {
  name: `executor: map ${TASKS.toLocaleString('en')} no-op async tasks, concurrency ${CONCURRENCY}`,
  itemsPerCall: TASKS,
  tasks: {
    hotpath: () => map(items, noop, { concurrency: CONCURRENCY }),
    'async.eachLimit': () => eachLimit(items, CONCURRENCY, noop),
    'async.mapLimit': () => mapLimit(items, CONCURRENCY, noop),
    'p-map': () => pMap(items, noop, { concurrency: CONCURRENCY }),
  },
  targets: [
    { task: 'hotpath', peer: 'async.eachLimit', min: 1.0 },
    { task: 'hotpath', peer: 'p-map', min: 4 },
  ],
};

export default scenario;
