import { MemoryArgumentError, NotEnoughSamplesError } from './errors.ts';
import { fitLine } from './fit-line.ts';
import { type GcFunction, lazyGc } from './internal/gc.ts';
import { checkKeys, MEMORY_PROFILER_OPTIONS } from './internal/option-keys.ts';
import {
  compareSnapshots,
  type MemoryComparison,
  type MemorySnapshot,
  readSnapshot,
} from './snapshot.ts';

/** Options for {@link createMemoryProfiler}. */
export interface MemoryProfilerOptions {
  /** Snapshots kept; the oldest is dropped beyond this. @default 1000 */
  readonly maxSnapshots?: number;
}

/** Options for one {@link MemoryProfiler.snapshot}. */
export interface SnapshotOptions {
  /**
   * Run a full GC first, so the reading counts live memory only and {@link MemoryProfiler.trend}
   * can use it. A full GC pauses the process (milliseconds for small heaps, more for large ones).
   * @default true
   */
  readonly gc?: boolean;
}

/** A numeric field of `process.memoryUsage()` that {@link MemoryProfiler.trend} can follow. */
export type TrendField = 'heapUsed' | 'heapTotal' | 'rss' | 'external' | 'arrayBuffers';

/** The growth of one field over the GC'd snapshots. */
export interface MemoryTrend {
  /** The field followed. */
  readonly field: TrendField;
  /** GC'd snapshots used. */
  readonly samples: number;
  /** Least-squares slope over the sample index, in bytes per sample. */
  readonly bytesPerSample: number;
  /** Least-squares slope over the snapshot times, in bytes per second (NaN if all share one time). */
  readonly bytesPerSecond: number;
  /** R² of the per-sample fit (see {@link fitLine}). */
  readonly r2: number;
  /** Field value of the first sample used, in bytes. */
  readonly first: number;
  /** Field value of the last sample used, in bytes. */
  readonly last: number;
}

/** What {@link createMemoryProfiler} returns. */
export interface MemoryProfiler {
  /** Reads memory now (after a full GC unless `{ gc: false }`) and keeps the snapshot. */
  snapshot(label: string, options?: SnapshotOptions): MemorySnapshot;
  /** Per-field deltas `b − a`. */
  compare(a: MemorySnapshot, b: MemorySnapshot): MemoryComparison;
  /**
   * Regression of `field` over the kept snapshots that were taken after a forced GC.
   * @throws {NotEnoughSamplesError} with fewer than 2 such snapshots
   */
  trend(field?: TrendField): MemoryTrend;
  /** Runs a full GC (obtained lazily, once per profiler). */
  gc(): void;
  /** The kept snapshots, oldest first. */
  readonly snapshots: readonly MemorySnapshot[];
  /** Forgets every kept snapshot. */
  clear(): void;
}

function checkMax(max: number): number {
  if (!Number.isInteger(max) || max < 2) {
    throw new MemoryArgumentError('options.maxSnapshots', 'an integer ≥ 2', max);
  }
  return max;
}

/** Fits `field` over GC'd snapshots by sample index and by time. */
export function trendOf(snapshots: readonly MemorySnapshot[], field: TrendField): MemoryTrend {
  const used = snapshots.filter((s) => s.afterGc);
  if (used.length < 2) throw new NotEnoughSamplesError(used.length, 2);
  const ys = used.map((s) => s.process[field]);
  const perSample = fitLine(
    used.map((_, i) => i),
    ys,
  );
  const seconds = used.map((s) => (s.time - used[0]!.time) / 1000);
  const perSecond = seconds[seconds.length - 1]! > 0 ? fitLine(seconds, ys).slope : Number.NaN;
  return {
    field,
    samples: used.length,
    bytesPerSample: perSample.slope,
    bytesPerSecond: perSecond,
    r2: perSample.r2,
    first: ys[0]!,
    last: ys[ys.length - 1]!,
  };
}

/**
 * Creates a memory profiler: labelled snapshots of `process.memoryUsage()`,
 * `v8.getHeapStatistics()` and `v8.getHeapSpaceStatistics()`, their deltas, and the growth trend.
 *
 * GC needs no flag: the first snapshot that wants a GC obtains V8's `gc()` by turning on
 * `--expose-gc` at run time and reading it from a new `vm` context; the function is cached on this
 * profiler, never at module level.
 *
 * @example
 * ```ts
 * const memory = createMemoryProfiler();
 * memory.snapshot('start');
 * for (let i = 0; i < 10; i++) { await handleBatch(); memory.snapshot(`batch ${i}`); }
 * const { bytesPerSample, r2 } = memory.trend();
 * ```
 */
export function createMemoryProfiler(options: MemoryProfilerOptions = {}): MemoryProfiler {
  checkKeys('options', options, MEMORY_PROFILER_OPTIONS);
  const max = checkMax(options.maxSnapshots ?? 1000);
  const collect: GcFunction = lazyGc();
  let snapshots: MemorySnapshot[] = [];
  return {
    snapshot(label, { gc = true } = {}) {
      if (typeof label !== 'string') throw new MemoryArgumentError('label', 'a string', label);
      if (gc) collect();
      const snap = readSnapshot(label, gc);
      snapshots.push(snap);
      if (snapshots.length > max) snapshots.shift();
      return snap;
    },
    compare: compareSnapshots,
    trend: (field = 'heapUsed') => trendOf(snapshots, field),
    gc: collect,
    get snapshots() {
      return snapshots;
    },
    clear() {
      snapshots = [];
    },
  };
}
