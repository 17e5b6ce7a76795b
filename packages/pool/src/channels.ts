/**
 * Names of the `node:diagnostics_channel` channels `@hotpath/pool` publishes on (only while
 * someone subscribes). `@hotpath/profiler`'s `collectDiagnostics` subscribes to them by default.
 *
 * - `createError`: an object pool's `create` failed; `{ error, retryInMs }`.
 * - `staleRetry`: an HTTP pool retried a request that met a stale keep-alive socket;
 *   `{ origin, code }` (`code` is how the race showed up: `ECONNRESET`, `EPIPE`, `UND_ERR_SOCKET` …).
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(POOL_CHANNELS.staleRetry, (m) => console.log('stale socket retried', m));
 * ```
 */
export const POOL_CHANNELS: {
  readonly createError: 'hotpath:pool:create-error';
  readonly staleRetry: 'hotpath:pool:stale-retry';
} = {
  createError: 'hotpath:pool:create-error',
  staleRetry: 'hotpath:pool:stale-retry',
};
