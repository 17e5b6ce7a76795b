import { performance } from 'node:perf_hooks';
import { MAX_TIMER_MS } from '@hotpath/protocol';
import { MemoryArgumentError } from './errors.ts';
import {
  type HeapSnapshotOptions,
  type HeapSnapshotOutcome,
  type HeapSnapshotWriter,
  toSnapshotWriter,
} from './heap-snapshot-writer.ts';
import { publishLeak } from './internal/channels.ts';
import { checkSignal } from './internal/check-signal.ts';
import { gcReader } from './internal/gc-reader.ts';
import { checkKeys, WATCH_OPTIONS } from './internal/option-keys.ts';
import {
  checkRule,
  evaluateLeak,
  type LeakRule,
  type LeakVerdict,
  minStepsFor,
} from './leak-rule.ts';

/** A leak found by {@link watch}; `slope` is in bytes per second. */
export interface LeakAlert extends LeakVerdict {
  /** Robust growth rate over time, in bytes per second (same as `slope`). */
  readonly bytesPerSecond: number;
  /** Robust growth rate over the reading index, in bytes per reading. */
  readonly bytesPerSample: number;
  /** Set when `heapSnapshot` was given. */
  readonly heapSnapshot?: HeapSnapshotOutcome;
}

/** Options for {@link watch}. */
export interface WatchOptions {
  /** Called on each alert; a thrown error or rejected promise goes to `onError`. */
  readonly onLeak: (alert: LeakAlert) => unknown;
  /** Time between readings, in ms (at most 2147483647). Each reading forces a full GC, so keep it long in production. @default 30_000 */
  readonly intervalMs?: number;
  /** Readings judged together (`window − 1` steps); at least enough for `maxPValue`. @default 10 */
  readonly window?: number;
  /** Growth rate above which a step counts, in bytes per second. @default 1024 */
  readonly minBytesPerSecond?: number;
  /**
   * Largest one-sided sign-test p-value of the growing steps that counts as a trend
   * (see {@link LeakRule}): 8 of the 9 steps of the default window. @default 0.05
   */
  readonly maxPValue?: number;
  /** The reading, in bytes, taken after the GC. @default liveBytes (JS heap + external memory) */
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
  const rule = {
    minSlope: positive('minBytesPerSecond', options.minBytesPerSecond ?? 1024, false, 0),
    maxPValue: options.maxPValue ?? 0.05,
  };
  checkRule(rule, { maxPValue: 'options.maxPValue' });
  return rule;
}

/** Readings per window: enough steps for the sign test to reach `maxPValue`. */
function windowOf(options: WatchOptions, rule: LeakRule): number {
  return positive('window', options.window ?? 10, true, minStepsFor(rule.maxPValue) + 1);
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

function alertOf(readings: readonly Reading[], rule: LeakRule): LeakAlert | undefined {
  const ys = readings.map((r) => r.bytes);
  const verdict = evaluateLeak(
    readings.map((r) => r.seconds),
    ys,
    rule,
  );
  if (!verdict.leak) return undefined;
  const perSample = evaluateLeak(
    ys.map((_, i) => i),
    ys,
    rule,
  ).slope;
  return { ...verdict, bytesPerSecond: verdict.slope, bytesPerSample: perSample };
}

interface WatchSettings {
  readonly rule: LeakRule;
  /** Readings per window. */
  readonly window: number;
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
    const { rule, window, read, now } = this.#settings;
    const bytes = read();
    this.#readings.push({ seconds: (now() - this.#start) / 1000, bytes });
    if (this.#readings.length > window) this.#readings.shift();
    if (this.#readings.length < window) return undefined;
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
  checkKeys('options', options, WATCH_OPTIONS);
  const intervalMs = positive('intervalMs', options.intervalMs ?? 30_000, false, 1);
  // A longer interval fires every millisecond in Node: a forced full GC each time.
  if (intervalMs > MAX_TIMER_MS) {
    throw new MemoryArgumentError('options.intervalMs', `a number ≤ ${MAX_TIMER_MS}`, intervalMs);
  }
  const rule = ruleOf(options);
  const settings: WatchSettings = {
    rule,
    window: windowOf(options, rule),
    read: gcReader(options),
    onError: reporter(options),
    onLeak: options.onLeak,
    writer: toSnapshotWriter(options.heapSnapshot),
    now: options.now ?? (() => performance.now()),
  };
  return new Watcher(settings, intervalMs, checkSignal(options.signal));
}
