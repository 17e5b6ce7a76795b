import { performance } from 'node:perf_hooks';
import { MemoryArgumentError } from './errors.ts';
import { fitLine } from './fit-line.ts';
import {
  type HeapSnapshotOptions,
  type HeapSnapshotOutcome,
  type HeapSnapshotWriter,
  toSnapshotWriter,
} from './heap-snapshot-writer.ts';
import { publishLeak } from './internal/channels.ts';
import { lazyGc } from './internal/gc.ts';
import { checkRule, evaluateLeak, type LeakRule, type LeakVerdict } from './leak-rule.ts';

/** A leak found by {@link watch}; `slope` is in bytes per second. */
export interface LeakAlert extends LeakVerdict {
  /** Regression slope over time, in bytes per second (same as `slope`). */
  readonly bytesPerSecond: number;
  /** Regression slope over the reading index, in bytes per reading. */
  readonly bytesPerSample: number;
  /** Set when `heapSnapshot` was given. */
  readonly heapSnapshot?: HeapSnapshotOutcome;
}

/** Options for {@link watch}. */
export interface WatchOptions {
  /** Called on each alert; a thrown error or rejected promise goes to `onError`. */
  readonly onLeak: (alert: LeakAlert) => unknown;
  /** Time between readings, in ms. Each reading forces a full GC, so keep it long in production. @default 30_000 */
  readonly intervalMs?: number;
  /** Readings in the regression window. @default 10 */
  readonly window?: number;
  /** Leak slope threshold, in bytes per second. @default 1024 */
  readonly minBytesPerSecond?: number;
  /** Minimum R². @default 0.8 */
  readonly minR2?: number;
  /** Steps, of the `window − 1` in the window, in which the reading must have grown. @default ceil(0.75 × (window − 1)) */
  readonly minGrowthSamples?: number;
  /** The reading, in bytes, taken after the GC. @default () => process.memoryUsage().heapUsed */
  readonly sample?: () => number;
  /** Run two full GCs before each reading (gc obtained without a flag, once per watcher). @default true */
  readonly forceGc?: boolean;
  /** Write a rate-limited heap snapshot on alerts. */
  readonly heapSnapshot?: HeapSnapshotOptions | HeapSnapshotWriter;
  /** Receives errors from sampling, `onLeak` and heap snapshots. @default process.emitWarning */
  readonly onError?: (error: unknown) => void;
  /** Closes the watcher when aborted. */
  readonly signal?: AbortSignal;
  /** Monotonic clock in ms that timestamps readings (inject one to test). @default performance.now */
  readonly now?: () => number;
}

/** A running {@link watch}. */
export interface MemoryWatcher {
  /** Takes one reading now and evaluates the window; returns the alert when it fired. */
  check(): LeakAlert | undefined;
  /** Readings in the current window, oldest first, in bytes. */
  readonly readings: readonly number[];
  /** Alerts fired so far. */
  readonly alerts: number;
  /** Stops the timer. Idempotent. */
  close(): Promise<void>;
  /** Same as `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

interface Reading {
  readonly seconds: number;
  readonly bytes: number;
}

function positive(name: string, value: number, integer: boolean, min: number): number {
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    const kind = integer ? 'an integer' : 'a number';
    throw new MemoryArgumentError(`options.${name}`, `${kind} ≥ ${min}`, value);
  }
  return value;
}

function ruleOf(options: WatchOptions): LeakRule {
  const window = positive('window', options.window ?? 10, true, 3);
  const rule = {
    minSlope: positive('minBytesPerSecond', options.minBytesPerSecond ?? 1024, false, 0),
    minR2: options.minR2 ?? 0.8,
    minGrowthSteps: positive(
      'minGrowthSamples',
      options.minGrowthSamples ?? Math.ceil(0.75 * (window - 1)),
      true,
      0,
    ),
    window: window - 1,
  };
  checkRule(rule, { minR2: 'options.minR2' });
  return rule;
}

function reporter(options: WatchOptions): (error: unknown) => void {
  if (options.onError !== undefined && typeof options.onError !== 'function') {
    throw new MemoryArgumentError('options.onError', 'a function', options.onError);
  }
  return (
    options.onError ??
    ((error) => process.emitWarning(error instanceof Error ? error : String(error)))
  );
}

function readerOf(options: WatchOptions): () => number {
  const sample = options.sample ?? (() => process.memoryUsage().heapUsed);
  if (typeof sample !== 'function') {
    throw new MemoryArgumentError('options.sample', 'a function returning bytes', sample);
  }
  if (options.forceGc === false) return sample;
  const gc = lazyGc();
  return () => {
    gc();
    return sample();
  };
}

function alertOf(readings: readonly Reading[], rule: LeakRule): LeakAlert | undefined {
  const ys = readings.map((r) => r.bytes);
  const verdict = evaluateLeak(
    readings.map((r) => r.seconds),
    ys,
    rule,
  );
  if (!verdict.leak) return undefined;
  const perSample = fitLine(
    ys.map((_, i) => i),
    ys,
  ).slope;
  return { ...verdict, bytesPerSecond: verdict.slope, bytesPerSample: perSample };
}

interface WatchSettings {
  readonly rule: LeakRule;
  readonly read: () => number;
  readonly onError: (error: unknown) => void;
  readonly onLeak: (alert: LeakAlert) => unknown;
  readonly writer: HeapSnapshotWriter | undefined;
  readonly now: () => number;
}

class Watcher implements MemoryWatcher {
  readonly #settings: WatchSettings;
  readonly #start: number;
  readonly #timer: NodeJS.Timeout;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = (): void => void this.close();
  #readings: Reading[] = [];
  #alerts = 0;
  #closed = false;

  constructor(settings: WatchSettings, intervalMs: number, signal: AbortSignal | undefined) {
    this.#settings = settings;
    this.#start = settings.now();
    this.#signal = signal;
    this.#timer = setInterval(() => this.#tick(), intervalMs);
    this.#timer.unref();
    if (signal?.aborted) void this.close();
    else signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  get readings(): readonly number[] {
    return this.#readings.map((r) => r.bytes);
  }

  get alerts(): number {
    return this.#alerts;
  }

  check(): LeakAlert | undefined {
    if (this.#closed) return undefined;
    const { rule, read, now } = this.#settings;
    const bytes = read();
    this.#readings.push({ seconds: (now() - this.#start) / 1000, bytes });
    if (this.#readings.length > rule.window + 1) this.#readings.shift();
    if (this.#readings.length <= rule.window) return undefined;
    const found = alertOf(this.#readings, rule);
    return found && this.#fire(found);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    this.#signal?.removeEventListener('abort', this.#onAbort);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #tick(): void {
    try {
      this.check();
    } catch (error) {
      this.#settings.onError(error);
    }
  }

  #fire(found: LeakAlert): LeakAlert {
    const { writer, onLeak, onError } = this.#settings;
    const alert = writer ? { ...found, heapSnapshot: writer.write() } : found;
    this.#alerts++;
    this.#readings = [];
    publishLeak(alert);
    try {
      Promise.resolve(onLeak(alert)).catch(onError);
    } catch (error) {
      onError(error);
    }
    return alert;
  }
}

/**
 * Watches memory in the background: every `intervalMs` it forces a GC, takes a reading, and
 * applies the {@link LeakRule} to the last `window` readings (slope in bytes per second). On an
 * alert it calls `onLeak`, optionally writes a heap snapshot (rate-limited, only with headroom),
 * and starts a fresh window, so one leak does not fire on every tick. The timer is `unref()`ed.
 *
 * @example
 * ```ts
 * await using watcher = watch({ intervalMs: 60_000, onLeak: (a) => log.warn(a), heapSnapshot: { directory: '/tmp/heaps' } });
 * ```
 */
export function watch(options: WatchOptions): MemoryWatcher {
  if (typeof options?.onLeak !== 'function') {
    throw new MemoryArgumentError('options.onLeak', 'a function', options?.onLeak);
  }
  const intervalMs = positive('intervalMs', options.intervalMs ?? 30_000, false, 1);
  const settings: WatchSettings = {
    rule: ruleOf(options),
    read: readerOf(options),
    onError: reporter(options),
    onLeak: options.onLeak,
    writer: toSnapshotWriter(options.heapSnapshot),
    now: options.now ?? (() => performance.now()),
  };
  return new Watcher(settings, intervalMs, options.signal);
}
