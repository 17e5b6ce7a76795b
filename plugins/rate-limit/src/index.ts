import '@hotpath/protocol/assert-node';

export { RATE_LIMIT_CHANNELS } from './channels.ts';
export { RateLimitArgumentError, RedisClientMissingError, RedisStoreError } from './errors.ts';
export { estimateTokens } from './estimate-tokens.ts';
export {
  type RateLimitPlugin,
  type RateLimitPluginOptions,
  rateLimitPlugin,
} from './rate-limit-plugin.ts';
export type {
  RateLimitService,
  RateLimitStats,
} from './rate-limit-service.ts';
export {
  createRedisRateLimitStore,
  type RedisRateLimitStore,
  type RedisRateLimitStoreOptions,
} from './redis-store.ts';
