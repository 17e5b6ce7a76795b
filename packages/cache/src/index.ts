import '@hotpath/protocol/assert-node';

export type { BusMessage, CacheBus } from './bus.ts';
export { Cache, createCache } from './cache.ts';
export type {
  AdaptiveTtlOptions,
  BackoffOptions,
  CacheOptions,
  CacheOutcome,
  GetOrSetOptions,
  GetOrSetStatus,
  L2Options,
  SetOptions,
} from './cache-options.ts';
export { CACHE_CHANNELS } from './channels.ts';
export {
  BusConnectError,
  BusMessageError,
  CacheArgumentError,
  CacheClosedError,
  type CacheErrorOptions,
  CheckpointError,
  DecodeError,
  FactoryTimeoutError,
  IntegrityError,
  MissingPeerError,
  StoreCorruptError,
  StoreOpenError,
  StoreTimeoutError,
} from './errors.ts';
export type { Factory, FactoryContext } from './internal/get-or-set.ts';
export {
  type EmbedCall,
  EmbeddingCache,
  type EmbeddingCacheOptions,
  type EmbeddingSpace,
} from './llm/embedding-cache.ts';
export { type HashFunction, sha256 } from './llm/hash.ts';
export { MAX_KEY_DEPTH } from './llm/key-material.ts';
export type { OutcomeStats } from './llm/outcome-stats.ts';
export { costOf, type ModelPrice, type PriceTable, type Savings } from './llm/prices.ts';
export { canonicalDigest, requestKey } from './llm/request-key.ts';
export {
  type CachedResponse,
  type CompleteCall,
  ResponseCache,
  type ResponseCacheOptions,
  type ResponseCacheStats,
  type ResponseCallOptions,
  type ResponseOutcome,
} from './llm/response-cache.ts';
export type { TimedDelta } from './llm/shared-stream.ts';
export {
  StreamCache,
  type StreamCacheOptions,
  type StreamCall,
  type StreamCallOptions,
  type StreamRecording,
  type StreamStatus,
} from './llm/stream-cache.ts';
export {
  type ToolCallOptions,
  type ToolExecute,
  type ToolPolicy,
  ToolResultCache,
  type ToolResultCacheOptions,
} from './llm/tool-cache.ts';
export { createRedisBus, type RedisBusOptions } from './redis-bus.ts';
export { createRedisStore, type RedisStoreOptions } from './redis-store.ts';
export {
  type CheckpointResult,
  createSqliteStore,
  openSqliteStore,
  SqliteStore,
  type SqliteStoreInfo,
  type SqliteStoreOptions,
} from './sqlite-store.ts';
export type { CacheStats, L2Stats, TierStats } from './stats.ts';
export { isKeyvStoreLike, type KeyvStoreLike } from './store.ts';
