/**
 * Names of the `node:diagnostics_channel` channels `@hotpath/executor` publishes on, only while someone
 * subscribes (`@hotpath/profiler`'s `collectDiagnostics` does by default):
 *
 * - `batch` (`hotpath:executor:batch`): a micro-batcher dispatched a batch: `{ size }`.
 * - `graphTask` (`hotpath:executor:graph-task`): a graph task settled: `{ id, status, durationMs }`.
 * - `rateLimitWait` (`hotpath:executor:rate-limit-wait`): the rate limiter made a caller wait: `{ waitMs, paused, tokens }`.
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(EXECUTOR_CHANNELS.batch, (message) => console.log(message));
 * ```
 */
export const EXECUTOR_CHANNELS: {
  readonly batch: 'hotpath:executor:batch';
  readonly graphTask: 'hotpath:executor:graph-task';
  readonly rateLimitWait: 'hotpath:executor:rate-limit-wait';
} = {
  batch: 'hotpath:executor:batch',
  graphTask: 'hotpath:executor:graph-task',
  rateLimitWait: 'hotpath:executor:rate-limit-wait',
};
