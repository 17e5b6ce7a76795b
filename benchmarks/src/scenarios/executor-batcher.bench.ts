import type { Scenario } from '@hotpath/bench';
import { createBatcher } from '@hotpath/executor';
import DataLoader from 'dataloader';

const LOADS = 10_000;
const distinct = Array.from({ length: LOADS }, (_, i) => `key-${i}`);
// Every key appears ten times, in a shuffled-looking but fixed order.
const duplicated = Array.from({ length: LOADS }, (_, i) => `key-${(i * 7919) % (LOADS / 10)}`);
const echo = async (keys: readonly string[]): Promise<readonly string[]> => keys;

// One loop per library (not a shared helper taking a callback), so neither call site turns
// polymorphic and each library is measured the way an application calls it.
function loadAllHotpath(keys: readonly string[]): Promise<string[]> {
  const batcher = createBatcher(echo);
  const loads = new Array<Promise<string>>(keys.length);
  for (let i = 0; i < keys.length; i++) loads[i] = batcher.load(keys[i]!);
  return Promise.all(loads);
}

function loadAllDataloader(keys: readonly string[]): Promise<string[]> {
  const loader = new DataLoader(echo);
  const loads = new Array<Promise<string>>(keys.length);
  for (let i = 0; i < keys.length; i++) loads[i] = loader.load(keys[i]!);
  return Promise.all(loads);
}

function scenario(
  label: string,
  keys: readonly string[],
  min: number,
  knownGap?: string,
): Scenario {
  return {
    name: `executor: createBatcher ${LOADS.toLocaleString('en')} loads in one tick, ${label}`,
    itemsPerCall: LOADS,
    tasks: {
      hotpath: () => loadAllHotpath(keys),
      dataloader: () => loadAllDataloader(keys),
    },
    targets: [
      { task: 'hotpath', peer: 'dataloader', min, ...(knownGap === undefined ? {} : { knownGap }) },
    ],
  };
}

export default [
  scenario(
    'distinct keys',
    distinct,
    1.2,
    'measured 1.13–1.30× from one process to the next (1.13–1.14× inside the full CI suite, 1.15–1.30× alone): each key costs one promise and two promise jobs, dataloader one promise, two resolving functions and one job',
  ),
  scenario('each key 10 times', duplicated, 1.5),
] satisfies Scenario[];
