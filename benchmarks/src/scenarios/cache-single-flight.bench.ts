// 1,000 concurrent getOrSet calls on one missing key with a 20 ms factory: total time against the factory alone.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Scenario } from '@hotpath/bench';
import { type Cache, createCache } from '@hotpath/cache';
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';

// The figure: 1,000 callers and a 20 ms factory. CI's smoke run (tinybench runs at least 64
// iterations per task) uses 100 callers and 1 ms so it stays within a few seconds.
const SMOKE = process.argv.includes('--smoke');
const CALLERS = SMOKE ? 100 : 1000;
const FACTORY_MS = SMOKE ? 1 : 20;

function scenario(): Scenario {
  let hotpath: Cache;
  let bento: BentoCache<{ memory: ReturnType<typeof bentostore> }>;
  let round = 0;
  const factory = async (): Promise<string> => {
    await sleep(FACTORY_MS);
    return 'value';
  };
  return {
    name: `cache: ${CALLERS} concurrent getOrSet on one missing key, ${FACTORY_MS} ms factory`,
    setup: async () => {
      hotpath = await createCache({ max: 100_000 });
      bento = new BentoCache({
        default: 'memory',
        stores: { memory: bentostore().useL1Layer(memoryDriver({ maxItems: 100_000 })) },
      });
    },
    teardown: async () => {
      await hotpath.close();
      await bento.disconnect();
    },
    tasks: {
      [`hotpath getOrSet ×${CALLERS}`]: async () => {
        const key = `k${round++}`;
        await Promise.all(Array.from({ length: CALLERS }, () => hotpath.getOrSet(key, factory)));
      },
      [`bentocache getOrSet ×${CALLERS}`]: async () => {
        const key = `k${round++}`;
        await Promise.all(Array.from({ length: CALLERS }, () => bento.getOrSet({ key, factory })));
      },
      'factory alone': factory,
    },
    // total ≤ 1.1 × the factory's time ⇔ throughput ≥ 1/1.1 of the bare factory's.
    targets: [{ task: `hotpath getOrSet ×${CALLERS}`, peer: 'factory alone', min: 1 / 1.1 }],
  };
}

export default scenario();
