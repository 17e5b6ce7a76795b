/**
 * Names of the `node:diagnostics_channel` channels `@hotpath/memory` publishes on, only while someone
 * subscribes (`@hotpath/profiler`'s `collectDiagnostics` does by default):
 *
 * - `leak` (`hotpath:memory:leak`): a detector or watcher found a leak: a `LeakReport` or `LeakAlert`.
 * - `heapSnapshot` (`hotpath:memory:heap-snapshot`): a heap snapshot was written: `{ path }`.
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(MEMORY_CHANNELS.leak, (message) => console.log(message));
 * ```
 */
export const MEMORY_CHANNELS: {
  readonly leak: 'hotpath:memory:leak';
  readonly heapSnapshot: 'hotpath:memory:heap-snapshot';
} = {
  leak: 'hotpath:memory:leak',
  heapSnapshot: 'hotpath:memory:heap-snapshot',
};
