/**
 * Names of the `node:diagnostics_channel` channels `@hotpath/plugin-rate-limit` publishes on, only while someone
 * subscribes (`@hotpath/profiler`'s `collectDiagnostics` does by default):
 *
 * - `rateLimited` (`hotpath:plugin-rate-limit:rate-limited`): a provider answered 429 and the plugin paused: `{ pauseMs, attempt }`.
 * - `updateFailed` (`hotpath:plugin-rate-limit:update-failed`): the limiter's store failed to take an update: `{ operation, error }`.
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(RATE_LIMIT_CHANNELS.rateLimited, (message) => console.log(message));
 * ```
 */
export const RATE_LIMIT_CHANNELS: {
  readonly rateLimited: 'hotpath:plugin-rate-limit:rate-limited';
  readonly updateFailed: 'hotpath:plugin-rate-limit:update-failed';
} = {
  rateLimited: 'hotpath:plugin-rate-limit:rate-limited',
  updateFailed: 'hotpath:plugin-rate-limit:update-failed',
};
