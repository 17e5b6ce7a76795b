// measure() overhead: 1,000 calls per benchmark call, around no-op sync and async functions.
import { performance } from 'node:perf_hooks';
import type { Scenario } from '@hotpath/bench';
import { createProfiler } from '@hotpath/profiler';

const BATCH = 1000;
const profiler = createProfiler();
const noopAsync = async (): Promise<number> => 1;
const noopSync = (): number => 1;
let sink = 0;

const scenarios: Scenario[] = [
  {
    name: 'profiler: measure() around a no-op async function, 1,000 awaits per call',
    itemsPerCall: BATCH,
    tasks: {
      'hotpath measure(async)': async () => {
        for (let i = 0; i < BATCH; i++) sink += await profiler.measure('noop', noopAsync);
      },
      'bare await': async () => {
        for (let i = 0; i < BATCH; i++) sink += await noopAsync();
      },
      // The floor any timer pays: two clock reads around the await.
      'bare await + 2× performance.now()': async () => {
        for (let i = 0; i < BATCH; i++) {
          const started = performance.now();
          sink += await noopAsync();
          sink += performance.now() - started;
        }
      },
    },
  },
  {
    name: 'profiler: measure() around a no-op sync function, 1,000 calls per call',
    itemsPerCall: BATCH,
    tasks: {
      'hotpath measure(sync)': () => {
        for (let i = 0; i < BATCH; i++) sink += profiler.measure('noop-sync', noopSync);
      },
      'bare call': () => {
        for (let i = 0; i < BATCH; i++) sink += noopSync();
      },
      'bare call + 2× performance.now()': () => {
        for (let i = 0; i < BATCH; i++) {
          const started = performance.now();
          sink += noopSync();
          sink += performance.now() - started;
        }
      },
    },
    teardown: () => sink,
  },
];

export default scenarios;
