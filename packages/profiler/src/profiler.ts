// The module's binding is measurably cheaper to call than the global `performance` getter.
import { performance } from 'node:perf_hooks';
import { ProfilerArgumentError } from './errors.ts';
import { Histogram, type HistogramOptions, type HistogramStats } from './histogram.ts';
import { DEFAULT_QUANTILES, toDistributionSample } from './internal/distribution.ts';
import { checkMetricName } from './internal/names.ts';
import {
  checkKeys,
  HISTOGRAM_OPTIONS,
  PROFILER_OPTIONS,
  PROFILER_WINDOW_OPTIONS,
} from './internal/option-keys.ts';
import type { MetricFamily, MetricSource } from './metric-family.ts';
import { RollingHistogram } from './rolling-histogram.ts';

/** Rolling-window options of {@link createProfiler}. */
export interface ProfilerWindowOptions {
  /** Length of the window percentiles are read over, in ms. */
  readonly durationMs: number;
  /** Sub-histograms in the ring; the window moves in steps of `durationMs / slots`. @default 6 */
  readonly slots?: number;
}

/** Options of {@link createProfiler}. */
export interface ProfilerOptions {
  /** Precision and range of every label's histogram (values are ms for timers). */
  readonly histogram?: HistogramOptions;
  /**
   * Also keep a rolling window per label, read with `stats(label, { window: true })`
   * and used for exported quantiles. Off by default: each slot is one more histogram.
   */
  readonly window?: ProfilerWindowOptions;
  /** Metric name of the exported summary. @default 'hotpath_profiler' */
  readonly name?: string;
  /** Help text of the exported summary. */
  readonly help?: string;
}

/** Stops a timer started with {@link Profiler.start}, records and returns the elapsed ms. */
export type StopTimer = () => number;

/** What {@link createProfiler} returns. */
export interface Profiler extends MetricSource {
  /** Starts a timer for `label`; call the returned function to record the elapsed ms. */
  start(label: string): StopTimer;
  /**
   * Runs `fn` and records how long it took under `label`, even when it throws or
   * rejects. A synchronous `fn` stays synchronous; when `fn` returns a promise the
   * time is recorded when it settles and `fn`'s own promise is returned unchanged
   * (a rejection is still the caller's to handle).
   */
  measure<T>(label: string, fn: () => T): T;
  /** Records a value (ms for durations, or any unit you keep per label). */
  record(label: string, value: number): void;
  /**
   * The all-time histogram of `label` (created when missing), to record into in hot loops
   * without the label lookup. Values recorded on it directly skip the rolling window.
   */
  histogram(label: string): Histogram;
  /** Statistics of `label` (all time, or the rolling window), or `undefined` if never recorded. */
  stats(label: string, options?: { readonly window?: boolean }): HistogramStats | undefined;
  /** Statistics of every label. */
  snapshot(options?: { readonly window?: boolean }): Record<string, HistogramStats>;
  /** Labels seen so far, in first-use order. */
  labels(): string[];
  /** Forgets the values of one label, or of all of them. */
  reset(label?: string): void;
  /** Advances every rolling window by one slot (the timer does this on its own). */
  rotate(): void;
  /** Stops the rotation timer. Recording still works. */
  close(): void;
  [Symbol.dispose](): void;
  [Symbol.asyncDispose](): Promise<void>;
}

class Series {
  readonly total: Histogram;
  readonly window: RollingHistogram | undefined;

  constructor(options: ProfilerOptions) {
    this.total = new Histogram(options.histogram);
    this.window =
      options.window &&
      new RollingHistogram({ ...options.histogram, slots: options.window.slots ?? 6 });
  }

  record(value: number): void {
    this.total.record(value);
    if (this.window !== undefined) this.window.record(value);
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

class ProfilerImpl implements Profiler {
  readonly #series = new Map<string, Series>();
  readonly #options: ProfilerOptions;
  readonly #name: string;
  #timer: NodeJS.Timeout | undefined;
  #lastLabel: string | undefined;
  #lastSeries: Series | undefined;

  constructor(options: ProfilerOptions) {
    this.#options = options;
    this.#name = checkMetricName(options.name ?? 'hotpath_profiler', 'options.name');
    // Validates the histogram and window options now rather than on the first record.
    new Series(options);
    if (options.window !== undefined) this.#timer = startRotation(this, options.window);
  }

  start(label: string): StopTimer {
    const series = this.#get(label);
    const started = performance.now();
    return () => {
      const elapsed = performance.now() - started;
      series.record(elapsed);
      return elapsed;
    };
  }

  measure<T>(label: string, fn: () => T): T {
    if (typeof fn !== 'function') throw new ProfilerArgumentError('fn', 'a function', fn);
    const series = this.#get(label);
    const started = performance.now();
    let result: T;
    try {
      result = fn();
    } catch (error) {
      series.record(performance.now() - started);
      throw error;
    }
    if (!isPromiseLike(result)) {
      series.record(performance.now() - started);
      return result;
    }
    // Observe the promise without wrapping it: the caller gets `fn`'s own promise back (no
    // extra allocation or tick on its await), and a rejection stays the caller's to handle.
    const done = (): void => series.record(performance.now() - started);
    result.then(done, done);
    return result;
  }

  record(label: string, value: number): void {
    this.#get(label).record(value);
  }

  histogram(label: string): Histogram {
    return this.#get(label).total;
  }

  stats(label: string, options?: { readonly window?: boolean }): HistogramStats | undefined {
    const series = this.#series.get(label);
    if (series === undefined) return undefined;
    return options?.window && series.window ? series.window.merged().stats() : series.total.stats();
  }

  snapshot(options?: { readonly window?: boolean }): Record<string, HistogramStats> {
    const out: Record<string, HistogramStats> = {};
    for (const label of this.#series.keys()) out[label] = this.stats(label, options)!;
    return out;
  }

  labels(): string[] {
    return [...this.#series.keys()];
  }

  reset(label?: string): void {
    const targets = label === undefined ? [...this.#series.values()] : [this.#series.get(label)];
    for (const series of targets) {
      series?.total.reset();
      series?.window?.reset();
    }
  }

  rotate(): void {
    for (const series of this.#series.values()) series.window?.rotate();
  }

  collect(): MetricFamily[] {
    const samples = [...this.#series].map(([label, series]) =>
      toDistributionSample(
        { label },
        series.window?.merged() ?? series.total,
        DEFAULT_QUANTILES,
        undefined,
        series.total,
      ),
    );
    const help =
      this.#options.help ?? 'Values recorded by @hotpath/profiler, per label (ms for timers).';
    return [{ name: this.#name, help, type: 'summary', samples }];
  }

  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  [Symbol.dispose](): void {
    this.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
  }

  #get(label: string): Series {
    // Hot loops usually repeat one label: skip the map lookup for it.
    if (label === this.#lastLabel) return this.#lastSeries!;
    let series = this.#series.get(label);
    if (series === undefined) {
      if (typeof label !== 'string') throw new ProfilerArgumentError('label', 'a string', label);
      series = new Series(this.#options);
      this.#series.set(label, series);
    }
    this.#lastLabel = label;
    this.#lastSeries = series;
    return series;
  }
}

function startRotation(profiler: Profiler, window: ProfilerWindowOptions): NodeJS.Timeout {
  const { durationMs, slots = 6 } = window;
  if (!(durationMs > 0 && durationMs < 2 ** 31)) {
    throw new ProfilerArgumentError('options.window.durationMs', 'a number of ms > 0', durationMs);
  }
  const timer = setInterval(() => profiler.rotate(), Math.max(1, durationMs / slots));
  timer.unref();
  return timer;
}

/**
 * Creates a profiler: timers, `measure` and `record` into one log-linear
 * histogram per label (see {@link Histogram} for the error bound), with
 * optional rolling windows.
 *
 * @example
 * ```ts
 * const profiler = createProfiler({ window: { durationMs: 60_000 } });
 * const answer = await profiler.measure('llm.complete', () => provider.complete(request));
 * const stop = profiler.start('db.query'); await query(); stop();
 * console.log(profiler.stats('llm.complete')); // { count, mean, min, max, p50, …, p999 }
 * ```
 */
export function createProfiler(options: ProfilerOptions = {}): Profiler {
  checkKeys('options', options, PROFILER_OPTIONS);
  checkKeys('options.window', options?.window, PROFILER_WINDOW_OPTIONS);
  checkKeys('options.histogram', options?.histogram, HISTOGRAM_OPTIONS);
  return new ProfilerImpl(options);
}
