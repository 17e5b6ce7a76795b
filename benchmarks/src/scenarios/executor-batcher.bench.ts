import { createBatcher } from '@hotpath/executor';
import DataLoader from 'dataloader';
import type { Scenario } from '../harness.ts';

const LOADS = 10_000;
const distinct = Array.from({ length: LOADS }, (_, i) => `key-${i}`);
// Every key appears ten times, in a shuffled-looking but fixed order.
const duplicated = Array.from({ length: LOADS }, (_, i) => `key-${(i * 7919) % (LOADS / 10)}`);
const echo = async (keys: readonly string[]): Promise<readonly string[]> => keys;

function loadAll(
  load: (key: string) => Promise<string>,
  keys: readonly string[],
): Promise<string[]> {
  const loads = new Array<Promise<string>>(keys.length);
  for (let i = 0; i < keys.length; i++) loads[i] = load(keys[i]!);
  return Promise.all(loads);
}

function scenario(label: string, keys: readonly string[], min: number): Scenario {
  return {
    name: `executor: createBatcher ${LOADS.toLocaleString('en')} loads in one tick, ${label}`,
    itemsPerCall: LOADS,
    tasks: {
      hotpath: () => {
        const batcher = createBatcher(echo);
        return loadAll((key) => batcher.load(key), keys);
      },
      dataloader: () => {
        const loader = new DataLoader(echo);
        return loadAll((key) => loader.load(key), keys);
      },
    },
    targets: [{ peer: 'dataloader', min }],
  };
}

export default [
  scenario('distinct keys', distinct, 1.2),
  scenario('each key 10 times', duplicated, 1.5),
] satisfies Scenario[];
