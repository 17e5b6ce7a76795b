/**
 * Names of the `node:diagnostics_channel` channels `@hotpath/simulator` publishes on, only while someone
 * subscribes (`@hotpath/profiler`'s `collectDiagnostics` does by default):
 *
 * - `request` (`hotpath:simulator:request`): the simulator received a request: `{ route, method, path }`.
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(SIMULATOR_CHANNELS.request, (message) => console.log(message));
 * ```
 */
export const SIMULATOR_CHANNELS: {
  readonly request: 'hotpath:simulator:request';
} = {
  request: 'hotpath:simulator:request',
};
