/**
 * Names of the `node:diagnostics_channel` channels `@hotpath/tokens` publishes on, only while someone
 * subscribes (`@hotpath/profiler`'s `collectDiagnostics` does by default):
 *
 * - `task` (`hotpath:tokens:task`): a task went to a worker and back: `{ kind }`.
 * - `workerCrash` (`hotpath:tokens:worker-crash`): a worker crashed: `{ error }`.
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(TOKENS_CHANNELS.task, (message) => console.log(message));
 * ```
 */
export const TOKENS_CHANNELS: {
  readonly task: 'hotpath:tokens:task';
  readonly workerCrash: 'hotpath:tokens:worker-crash';
} = {
  task: 'hotpath:tokens:task',
  workerCrash: 'hotpath:tokens:worker-crash',
};
