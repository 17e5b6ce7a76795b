import { type EventLoopUtilization, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { ProfilerArgumentError } from './errors.ts';
import { checkKeys, EVENT_LOOP_OPTIONS } from './internal/option-keys.ts';
import type { Metrics } from './metrics.ts';

/** Event-loop delay percentiles in ms, from `perf_hooks.monitorEventLoopDelay`. */
export interface EventLoopDelayStats {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly stddev: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

/** One reading of the monitor. */
export interface EventLoopStats {
  readonly delay: EventLoopDelayStats;
  /** Fraction of time (0..1) the loop was busy since the previous reading (or since start). */
  readonly utilization: number;
}

/** Options of {@link monitorEventLoop}. */
export interface EventLoopMonitorOptions {
  /** Sampling resolution of the delay timer, in ms. @default 10 */
  readonly resolutionMs?: number;
  /**
   * Register gauges on this collector: `<prefix>_delay_seconds{quantile}`,
   * `<prefix>_delay_max_seconds`, `<prefix>_delay_mean_seconds` and
   * `<prefix>_utilization` (busy fraction since the previous scrape).
   */
  readonly metrics?: Metrics;
  /** Metric name prefix. @default 'hotpath_eventloop' */
  readonly prefix?: string;
  /** Clear the delay histogram after each reading, so readings do not overlap. @default false */
  readonly resetOnRead?: boolean;
}

/** What {@link monitorEventLoop} returns. */
export interface EventLoopMonitor {
  /** Reads delay percentiles and utilisation since the previous reading. */
  stats(): EventLoopStats;
  /** Stops sampling and unregisters the gauges. */
  close(): void;
  [Symbol.asyncDispose](): Promise<void>;
}

const NS_PER_MS = 1e6;
const QUANTILE_LABELS = { p50: '0.5', p90: '0.9', p99: '0.99' } as const;

class Monitor implements EventLoopMonitor {
  readonly #delay;
  readonly #options: EventLoopMonitorOptions;
  readonly #names: string[] = [];
  #elu: EventLoopUtilization = performance.eventLoopUtilization();
  #closed = false;

  constructor(options: EventLoopMonitorOptions) {
    const resolution = options.resolutionMs ?? 10;
    if (!Number.isInteger(resolution) || resolution < 1) {
      throw new ProfilerArgumentError('options.resolutionMs', 'an integer >= 1', resolution);
    }
    this.#options = options;
    this.#delay = monitorEventLoopDelay({ resolution });
    this.#delay.enable();
    if (options.metrics) this.#register(options.metrics, options.prefix ?? 'hotpath_eventloop');
  }

  stats(): EventLoopStats {
    const now = performance.eventLoopUtilization();
    const utilization = performance.eventLoopUtilization(now, this.#elu).utilization;
    this.#elu = now;
    const d = this.#delay;
    const ms = (ns: number): number => (Number.isFinite(ns) && d.count > 0 ? ns / NS_PER_MS : 0);
    const delay = {
      min: ms(d.min),
      max: ms(d.max),
      mean: ms(d.mean),
      stddev: ms(d.stddev),
      p50: ms(d.percentile(50)),
      p90: ms(d.percentile(90)),
      p99: ms(d.percentile(99)),
    };
    if (this.#options.resetOnRead) d.reset();
    return { delay, utilization: Number.isFinite(utilization) ? utilization : 0 };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#delay.disable();
    for (const name of this.#names) this.#options.metrics?.remove(name);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  #register(metrics: Metrics, prefix: string): void {
    const quantiles = `${prefix}_delay_seconds`;
    const max = `${prefix}_delay_max_seconds`;
    const mean = `${prefix}_delay_mean_seconds`;
    const utilization = `${prefix}_utilization`;
    this.#names.push(quantiles, max, mean, utilization);
    let last: EventLoopStats | undefined;
    // One reading per scrape: the quantile gauge reads, the others reuse it.
    metrics.gauge(quantiles, {
      help: 'Event-loop delay percentiles (monitorEventLoopDelay).',
      collect: (gauge) => {
        last = this.stats();
        for (const q of ['p50', 'p90', 'p99'] as const) {
          gauge.set(last.delay[q] / 1000, { quantile: QUANTILE_LABELS[q] });
        }
      },
    });
    metrics.gauge(max, {
      help: 'Largest event-loop delay.',
      collect: (g) => g.set((last?.delay.max ?? 0) / 1000),
    });
    metrics.gauge(mean, {
      help: 'Mean event-loop delay.',
      collect: (g) => g.set((last?.delay.mean ?? 0) / 1000),
    });
    metrics.gauge(utilization, {
      help: 'Fraction of time the event loop was busy since the previous scrape.',
      collect: (g) => g.set(last?.utilization ?? 0),
    });
  }
}

/**
 * Samples event-loop delay (`perf_hooks.monitorEventLoopDelay`) and
 * utilisation (`performance.eventLoopUtilization`), readable with `stats()`
 * and, with `metrics`, exported as gauges. Call `close()` when done.
 *
 * @example
 * ```ts
 * await using loop = monitorEventLoop({ metrics });
 * console.log(loop.stats().delay.p99); // ms
 * ```
 */
export function monitorEventLoop(options: EventLoopMonitorOptions = {}): EventLoopMonitor {
  checkKeys('options', options, EVENT_LOOP_OPTIONS);
  return new Monitor(options);
}
