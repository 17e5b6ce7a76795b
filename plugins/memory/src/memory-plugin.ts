import { type LeakAlert, type MemoryWatcher, type WatchOptions, watch } from '@hotpath/memory';
import {
  checkKnownKeys,
  type KnownKeys,
  knownKeys,
  type Plugin,
  type PluginContext,
} from '@hotpath/protocol';
import { MemoryPluginArgumentError } from './errors.ts';
import { type LeakMetrics, leakMetrics } from './leak-metrics.ts';

declare module '@hotpath/protocol' {
  interface Services {
    /** Provided by `@hotpath/plugin-memory`: the running leak watcher (`check()`, `readings`, `alerts`). */
    'memory-watcher': MemoryWatcher;
  }
}

/** Options of {@link memoryPlugin}: `watch()`'s options, with `onLeak` optional. */
export interface MemoryPluginOptions extends Omit<WatchOptions, 'onLeak' | 'signal'> {
  /**
   * Called with each leak alert, after the metrics are updated. Alerts are also published on the
   * `hotpath:memory:leak` diagnostics channel. @default no callback
   */
  readonly onLeak?: (alert: LeakAlert) => unknown;
}

const OPTIONS: KnownKeys = knownKeys<MemoryPluginOptions>({
  onLeak: true,
  intervalMs: true,
  window: true,
  minBytesPerSecond: true,
  maxPValue: true,
  sample: true,
  forceGc: true,
  heapSnapshot: true,
  onError: true,
  now: true,
});

function checkOptions(options: MemoryPluginOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new MemoryPluginArgumentError('options', 'an object');
  }
  checkKnownKeys(options, OPTIONS, 'options', (m) => new MemoryPluginArgumentError(m));
  if (options.onLeak !== undefined && typeof options.onLeak !== 'function') {
    throw new MemoryPluginArgumentError('options.onLeak', 'a function');
  }
}

function startWatcher(context: PluginContext, options: MemoryPluginOptions): MemoryWatcher {
  let metrics: LeakMetrics | undefined;
  const watcher = watch({
    ...options,
    signal: context.signal,
    onLeak: (alert) => {
      metrics?.record(alert);
      return options.onLeak?.(alert);
    },
  });
  const service = context.tryUse('metrics');
  metrics = service && leakMetrics(service, watcher);
  context.onClose(async () => {
    metrics?.remove();
    await watcher.close();
  });
  return watcher;
}

/**
 * A host plugin that runs `@hotpath/memory`'s `watch()` while the host runs: it starts on setup,
 * closes on teardown (and if setup is aborted), reports leak alerts to `onLeak` and the
 * `hotpath:memory:leak` channel, and, when the `metrics` plugin is present, records
 * `hotpath_memory_leaks_total`, `hotpath_memory_leak_bytes_per_second` and
 * `hotpath_memory_watched_bytes`. Provides the watcher as the `memory-watcher` service.
 *
 * @example
 * ```ts
 * const host = createHost({
 *   plugins: [metricsPlugin(), memoryPlugin({ intervalMs: 60_000, onLeak: (a) => log.warn(a) })],
 *   provider,
 * });
 * ```
 */
export function memoryPlugin(options: MemoryPluginOptions = {}): Plugin {
  checkOptions(options);
  return {
    name: 'memory',
    optionalDependencies: ['metrics'],
    setup(context) {
      context.provide('memory-watcher', startWatcher(context, options));
    },
  };
}
