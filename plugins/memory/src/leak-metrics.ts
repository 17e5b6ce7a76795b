import type { LeakAlert, MemoryWatcher } from '@hotpath/memory';
import type { MetricsService } from '@hotpath/plugin-metrics';

/** What {@link leakMetrics} returns. */
export interface LeakMetrics {
  /** Counts an alert and sets the slope gauge. */
  readonly record: (alert: LeakAlert) => void;
  /** Removes the reading gauge. */
  readonly remove: () => void;
}

const READING = 'hotpath_memory_watched_bytes';

/**
 * Registers the watcher's metrics on the metrics service: the latest post-GC reading (a gauge read
 * at collection), and a counter and slope gauge updated per alert. Returns the alert recorder and
 * a teardown that removes the reading gauge, whose callback would otherwise outlive the watcher.
 */
export function leakMetrics(service: MetricsService, watcher: MemoryWatcher): LeakMetrics {
  const { metrics } = service;
  metrics.gauge(READING, {
    help: 'Latest post-GC memory reading of the leak watcher (heapUsed unless `sample` is given).',
    collect: (gauge) => {
      const last = watcher.readings.at(-1);
      if (last !== undefined) gauge.set(last);
    },
  });
  const leaks = metrics.counter('hotpath_memory_leaks_total', {
    help: 'Leak alerts raised by the memory watcher.',
  });
  const slope = metrics.gauge('hotpath_memory_leak_bytes_per_second', {
    help: 'Growth rate of the latest leak alert.',
  });
  return {
    record: (alert) => {
      leaks.inc();
      slope.set(alert.bytesPerSecond);
    },
    remove: () => void metrics.remove(READING),
  };
}
