/**
 * Names of the `node:diagnostics_channel` channels `@hotpath/cache` publishes on, only while someone
 * subscribes (`@hotpath/profiler`'s `collectDiagnostics` does by default):
 *
 * - `hit` (`hotpath:cache:hit`): a read found the key: `{ key, tier }`.
 * - `miss` (`hotpath:cache:miss`): a read did not: `{ key, tier }`.
 * - `set` (`hotpath:cache:set`): a value was stored: `{ key }`.
 * - `delete` (`hotpath:cache:delete`): a key was deleted: `{ key }`.
 * - `stale` (`hotpath:cache:stale`): a stale value was served during grace: `{ key }`.
 * - `error` (`hotpath:cache:error`): an L2, bus or factory failure the cache carried on after: `{ operation, key, error }`.
 * - `invalidate` (`hotpath:cache:invalidate`): tags were invalidated: `{ tags }`.
 * - `factory` (`hotpath:cache:factory`): `getOrSet` ran its factory: `{ key }`.
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(CACHE_CHANNELS.hit, (message) => console.log(message));
 * ```
 */
export const CACHE_CHANNELS: {
  readonly hit: 'hotpath:cache:hit';
  readonly miss: 'hotpath:cache:miss';
  readonly set: 'hotpath:cache:set';
  readonly delete: 'hotpath:cache:delete';
  readonly stale: 'hotpath:cache:stale';
  readonly error: 'hotpath:cache:error';
  readonly invalidate: 'hotpath:cache:invalidate';
  readonly factory: 'hotpath:cache:factory';
} = {
  hit: 'hotpath:cache:hit',
  miss: 'hotpath:cache:miss',
  set: 'hotpath:cache:set',
  delete: 'hotpath:cache:delete',
  stale: 'hotpath:cache:stale',
  error: 'hotpath:cache:error',
  invalidate: 'hotpath:cache:invalidate',
  factory: 'hotpath:cache:factory',
};
