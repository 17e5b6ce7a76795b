export type { BusMessage, CacheBus } from './bus.ts';
export { Cache, createCache } from './cache.ts';
export type { CacheOptions, GetOrSetOptions, L2Options, SetOptions } from './cache-options.ts';
export {
  CacheArgumentError,
  CacheClosedError,
  type CacheErrorOptions,
  DecodeError,
  FactoryTimeoutError,
  MissingPeerError,
  StoreTimeoutError,
} from './errors.ts';
export type { Factory, FactoryContext } from './internal/get-or-set.ts';
export { createRedisBus, type RedisBusOptions } from './redis-bus.ts';
export { createRedisStore, type RedisStoreOptions } from './redis-store.ts';
export { createSqliteStore, SqliteStore, type SqliteStoreOptions } from './sqlite-store.ts';
export type { CacheStats, L2Stats, TierStats } from './stats.ts';
export { isKeyvStoreLike, type KeyvStoreLike } from './store.ts';
export { type RegisterTest, testCacheStore } from './store-conformance.ts';
