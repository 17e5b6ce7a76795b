import { performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics, getHeapStatistics, type HeapInfo } from 'node:v8';

/** `process.memoryUsage()` fields, in bytes. */
export interface ProcessMemory {
  /** Resident set size: all memory the OS gives the process. */
  readonly rss: number;
  /** Memory V8 reserved for the JS heap. */
  readonly heapTotal: number;
  /** Memory live (or not yet collected) objects use in the JS heap. */
  readonly heapUsed: number;
  /** Memory of C++ objects bound to JS objects (Buffers' backing stores and others). */
  readonly external: number;
  /** Memory of ArrayBuffers and SharedArrayBuffers (included in `external`). */
  readonly arrayBuffers: number;
}

/** One V8 heap space (`new_space`, `old_space`, `code_space` …), in bytes. */
export interface HeapSpace {
  /** `space_size`: reserved for the space. */
  readonly size: number;
  /** `space_used_size`: used by objects. */
  readonly used: number;
  /** `space_available_size`: still free for allocation. */
  readonly available: number;
  /** `physical_space_size`: backed by physical memory. */
  readonly physical: number;
}

/** Everything one `snapshot(label)` reads. */
export interface MemorySnapshot {
  readonly label: string;
  /** `performance.now()` when taken, in ms (monotonic: use it for rates). */
  readonly time: number;
  /** `Date.now()` when taken (wall clock: use it for display). */
  readonly timestamp: number;
  /** True when a full GC ran just before the reading, so only live memory is counted. */
  readonly afterGc: boolean;
  /** `process.memoryUsage()`. */
  readonly process: ProcessMemory;
  /** `v8.getHeapStatistics()`. */
  readonly heap: Readonly<HeapInfo>;
  /** `v8.getHeapSpaceStatistics()`, keyed by space name. */
  readonly spaces: Readonly<Record<string, HeapSpace>>;
}

/** Per-field differences `b − a` between two snapshots, in bytes (counts for count fields). */
export interface MemoryComparison {
  /** Label of `a`. */
  readonly from: string;
  /** Label of `b`. */
  readonly to: string;
  /** `b.time − a.time`, in ms. */
  readonly elapsedMs: number;
  /** Deltas of `process.memoryUsage()` fields. */
  readonly process: ProcessMemory;
  /** Deltas of `v8.getHeapStatistics()` fields. */
  readonly heap: Readonly<Record<keyof HeapInfo, number>>;
  /** Spaces present in either snapshot; a space missing on one side counts as 0 there. */
  readonly spaces: Readonly<Record<string, HeapSpace>>;
}

function readSpaces(): Record<string, HeapSpace> {
  const spaces: Record<string, HeapSpace> = {};
  for (const space of getHeapSpaceStatistics()) {
    spaces[space.space_name] = {
      size: space.space_size,
      used: space.space_used_size,
      available: space.space_available_size,
      physical: space.physical_space_size,
    };
  }
  return spaces;
}

/** Reads process memory, heap statistics and heap spaces now. */
export function readSnapshot(label: string, afterGc: boolean): MemorySnapshot {
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return {
    label,
    time: performance.now(),
    timestamp: Date.now(),
    afterGc,
    process: { rss, heapTotal, heapUsed, external, arrayBuffers },
    heap: getHeapStatistics(),
    spaces: readSpaces(),
  };
}

function subtract<K extends string>(
  a: Readonly<Record<K, number>>,
  b: Readonly<Record<K, number>>,
): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of Object.keys(b) as K[]) out[key] = b[key] - (a[key] ?? 0);
  return out;
}

const EMPTY_SPACE: HeapSpace = { size: 0, used: 0, available: 0, physical: 0 };

function subtractSpaces(
  a: Readonly<Record<string, HeapSpace>>,
  b: Readonly<Record<string, HeapSpace>>,
): Record<string, HeapSpace> {
  const out: Record<string, HeapSpace> = {};
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    out[name] = subtract(a[name] ?? EMPTY_SPACE, b[name] ?? EMPTY_SPACE) as HeapSpace;
  }
  return out;
}

/**
 * Per-field deltas from `a` to `b` (`b − a`): positive means `b` uses more.
 *
 * @example
 * ```ts
 * const d = compareSnapshots(before, after);
 * console.log(d.process.heapUsed, d.spaces.old_space?.used);
 * ```
 */
export function compareSnapshots(a: MemorySnapshot, b: MemorySnapshot): MemoryComparison {
  return {
    from: a.label,
    to: b.label,
    elapsedMs: b.time - a.time,
    process: subtract(a.process, b.process) as ProcessMemory,
    heap: subtract(
      a.heap as Record<keyof HeapInfo, number>,
      b.heap as Record<keyof HeapInfo, number>,
    ),
    spaces: subtractSpaces(a.spaces, b.spaces),
  };
}
