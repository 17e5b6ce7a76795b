// L1 paths of @hotpath/cache against lru-cache and the multi-tier caches users would otherwise pick.

import type { Scenario } from '@hotpath/bench';
import { type Cache, createCache } from '@hotpath/cache';
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { createCache as createCacheManager } from 'cache-manager';
import { Cacheable, CacheableMemory } from 'cacheable';
import { Keyv } from 'keyv';
import { LRUCache } from 'lru-cache';

const KEYS = Array.from({ length: 1000 }, (_, i) => `key:${i}`);
const BATCH = KEYS.length;
// The async peers are 100× slower; a smaller batch keeps tinybench's minimum iteration count short.
const ASYNC_KEYS = KEYS.slice(0, 100);

interface Peers {
  hotpath: Cache;
  lru: LRUCache<string, string>;
  bento: BentoCache<{ memory: ReturnType<typeof bentostore> }>;
  cacheable: Cacheable;
  cacheableMemory: CacheableMemory;
  manager: ReturnType<typeof createCacheManager>;
  keyv: Keyv;
}

function hitScenarios(): Scenario[] {
  const peers = {} as Peers;
  const setup = async () => {
    peers.hotpath = await createCache({ max: 10_000 });
    peers.lru = new LRUCache({ max: 10_000 });
    peers.bento = new BentoCache({
      default: 'memory',
      stores: { memory: bentostore().useL1Layer(memoryDriver({ maxItems: 10_000 })) },
    });
    peers.cacheable = new Cacheable();
    peers.cacheableMemory = new CacheableMemory();
    peers.keyv = new Keyv();
    peers.manager = createCacheManager({ stores: [new Keyv()] });
    for (const key of KEYS) {
      peers.hotpath.setSync(key, key);
      peers.lru.set(key, key);
      peers.cacheableMemory.set(key, key);
      await peers.bento.set({ key, value: key });
      await peers.cacheable.set(key, key);
      await peers.keyv.set(key, key);
      await peers.manager.set(key, key);
    }
  };
  const teardown = async () => {
    await peers.hotpath.close();
    await peers.bento.disconnect();
  };
  const factory = async () => 'never called';
  const sync: Scenario = {
    name: `cache: L1 hit, synchronous get (${BATCH} keys per call)`,
    itemsPerCall: BATCH,
    setup,
    tasks: {
      'hotpath getSync': () => {
        for (const key of KEYS) peers.hotpath.getSync(key);
      },
      'lru-cache get': () => {
        for (const key of KEYS) peers.lru.get(key);
      },
      'cacheable CacheableMemory get': () => {
        for (const key of KEYS) peers.cacheableMemory.get(key);
      },
    },
    targets: [{ task: 'hotpath getSync', peer: 'lru-cache get', min: 0.9 }],
  };
  const asyncHit: Scenario = {
    name: `cache: L1 hit through async getOrSet (${ASYNC_KEYS.length} keys per call, awaited one by one)`,
    itemsPerCall: ASYNC_KEYS.length,
    teardown,
    tasks: {
      'hotpath getOrSet': async () => {
        for (const key of ASYNC_KEYS) await peers.hotpath.getOrSet(key, factory);
      },
      'bentocache getOrSet': async () => {
        for (const key of ASYNC_KEYS) await peers.bento.getOrSet({ key, factory });
      },
      'cacheable getOrSet': async () => {
        for (const key of ASYNC_KEYS) await peers.cacheable.getOrSet(key, factory);
      },
      'cache-manager wrap': async () => {
        for (const key of ASYNC_KEYS) await peers.manager.wrap(key, factory);
      },
      'keyv get': async () => {
        for (const key of ASYNC_KEYS) await peers.keyv.get(key);
      },
    },
    targets: [{ task: 'hotpath getOrSet', peer: 'bentocache getOrSet', min: 10 }],
  };
  return [sync, asyncHit];
}

function evictionScenario(): Scenario {
  const keys = Array.from({ length: 10_000 }, (_, i) => `evict:${i}`);
  let hotpath: Cache;
  let lru: LRUCache<string, string>;
  let i = 0;
  return {
    name: 'cache: set with eviction (max 1,000 entries, 10,000 distinct keys, 1,000 sets per call)',
    itemsPerCall: 1000,
    setup: async () => {
      hotpath = await createCache({ max: 1000 });
      lru = new LRUCache({ max: 1000 });
    },
    teardown: () => hotpath.close(),
    tasks: {
      'hotpath setSync': () => {
        for (let n = 0; n < 1000; n++) hotpath.setSync(keys[i++ % keys.length]!, 'value');
      },
      'lru-cache set': () => {
        for (let n = 0; n < 1000; n++) lru.set(keys[i++ % keys.length]!, 'value');
      },
    },
    targets: [
      {
        task: 'hotpath setSync',
        peer: 'lru-cache set',
        min: 0.8,
        // In one process shared with the other files this swung from 0.32× to 27× with the files
        // run before it; each file now runs in a process of its own (1.03× in the full suite).
      },
    ],
  };
}

export default [...hitScenarios(), evictionScenario()];
