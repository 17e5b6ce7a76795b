/**
 * Names of the `node:diagnostics_channel` channels `@hotpath/gateway` publishes on, only while someone
 * subscribes (`@hotpath/profiler`'s `collectDiagnostics` does by default):
 *
 * - `response` (`hotpath:gateway:response`): the gateway answered a model call: `{ path, model, status, stream, cache, overheadMs }`.
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(GATEWAY_CHANNELS.response, (message) => console.log(message));
 * ```
 */
export const GATEWAY_CHANNELS: {
  readonly response: 'hotpath:gateway:response';
} = {
  response: 'hotpath:gateway:response',
};
