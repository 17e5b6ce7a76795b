/**
 * Names of the `node:diagnostics_channel` channels `@hotpath/bench` publishes on, only while someone
 * subscribes (`@hotpath/profiler`'s `collectDiagnostics` does by default):
 *
 * - `benchmark` (`hotpath:bench:benchmark`): the regression gate judged a benchmark: a `BenchmarkComparison`.
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(BENCH_CHANNELS.benchmark, (message) => console.log(message));
 * ```
 */
export const BENCH_CHANNELS: {
  readonly benchmark: 'hotpath:bench:benchmark';
} = {
  benchmark: 'hotpath:bench:benchmark',
};
