import '@hotpath/protocol/assert-node';

export { type CacheService, cachePlugin } from './cache-plugin.ts';
export { CachePluginArgumentError } from './errors.ts';
export type { CacheStatus } from './locals.ts';
export type {
  CachePluginOptions,
  DeterminismPolicy,
  ToolCachePolicy,
} from './options.ts';
export { METADATA_KEY, type RequestCachePolicy, requestPolicy } from './request-policy.ts';
export type { CacheSavings } from './savings.ts';
export { tenantScope } from './scope.ts';
