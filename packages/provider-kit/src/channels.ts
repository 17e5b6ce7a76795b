/**
 * Names of the `node:diagnostics_channel` channels `@hotpath/provider-kit` publishes on, only while
 * someone subscribes (`@hotpath/profiler`'s `collectDiagnostics` does by default):
 *
 * - `request` (`hotpath:provider:request`): a provider's HTTP request got its response headers:
 *   `{ provider, path, status, ttfbMs }` (never credentials).
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(PROVIDER_CHANNELS.request, (m) => console.log('upstream answered', m));
 * ```
 */
export const PROVIDER_CHANNELS: {
  readonly request: 'hotpath:provider:request';
} = {
  request: 'hotpath:provider:request',
};
