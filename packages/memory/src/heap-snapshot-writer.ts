import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { MemoryArgumentError } from './errors.ts';
import { publishHeapSnapshot } from './internal/channels.ts';
import { checkKeys, HEAP_SNAPSHOT_OPTIONS } from './internal/option-keys.ts';

/** Where and how often heap snapshots may be written on a leak alert. */
export interface HeapSnapshotOptions {
  /** Directory for `.heapsnapshot` files; created if missing. */
  readonly directory: string;
  /** Minimum time between two written snapshots, in ms. @default 600_000 (10 minutes) */
  readonly minIntervalMs?: number;
  /**
   * Write only when `heap_size_limit − used_heap_size > headroomFactor × used_heap_size`: V8 builds
   * the snapshot in memory, and a snapshot that runs the process out of heap kills it.
   * @default 2
   */
  readonly headroomFactor?: number;
}

/** What one {@link HeapSnapshotWriter.write} did. */
export type HeapSnapshotOutcome =
  | { readonly written: true; readonly path: string }
  | { readonly written: false; readonly reason: 'rate-limited' | 'no-headroom' }
  | { readonly written: false; readonly reason: 'failed'; readonly error: unknown };

/** Writes heap snapshots, rate-limited and only with headroom. Never throws from `write`. */
export interface HeapSnapshotWriter {
  /** Writes a snapshot now, unless rate-limited, short of headroom, or the write fails. */
  write(): HeapSnapshotOutcome;
  /** `performance.now()` of the last written snapshot. */
  readonly lastWrittenAt: number | undefined;
}

function checkOptions(options: HeapSnapshotOptions): void {
  if (typeof options?.directory !== 'string' || options.directory === '') {
    throw new MemoryArgumentError('heapSnapshot.directory', 'a non-empty path', options?.directory);
  }
  checkKeys('heapSnapshot', options, HEAP_SNAPSHOT_OPTIONS);
  const { minIntervalMs = 0, headroomFactor = 0 } = options;
  if (!Number.isFinite(minIntervalMs) || minIntervalMs < 0) {
    throw new MemoryArgumentError('heapSnapshot.minIntervalMs', 'a number ≥ 0', minIntervalMs);
  }
  if (!Number.isFinite(headroomFactor) || headroomFactor < 0) {
    throw new MemoryArgumentError('heapSnapshot.headroomFactor', 'a number ≥ 0', headroomFactor);
  }
}

/** True when the heap has room for a snapshot of itself, by the `headroomFactor` rule. */
export function hasHeadroom(headroomFactor: number): boolean {
  const { heap_size_limit: limit, used_heap_size: used } = getHeapStatistics();
  return limit - used > headroomFactor * used;
}

/**
 * Creates a heap-snapshot writer for leak alerts.
 *
 * @example
 * ```ts
 * const writer = createHeapSnapshotWriter({ directory: '/var/tmp/heaps' });
 * const outcome = writer.write(); // { written: true, path: '/var/tmp/heaps/hotpath-…heapsnapshot' }
 * ```
 */
export function createHeapSnapshotWriter(options: HeapSnapshotOptions): HeapSnapshotWriter {
  checkOptions(options);
  const { directory, minIntervalMs = 600_000, headroomFactor = 2 } = options;
  let lastWrittenAt: number | undefined;
  let sequence = 0;
  const write = (): HeapSnapshotOutcome => {
    const now = performance.now();
    if (lastWrittenAt !== undefined && now - lastWrittenAt < minIntervalMs) {
      return { written: false, reason: 'rate-limited' };
    }
    if (!hasHeadroom(headroomFactor)) return { written: false, reason: 'no-headroom' };
    try {
      mkdirSync(directory, { recursive: true });
      const name = `hotpath-${process.pid}-${Date.now()}-${++sequence}.heapsnapshot`;
      const path = writeHeapSnapshot(join(directory, name));
      lastWrittenAt = now;
      publishHeapSnapshot({ path });
      return { written: true, path };
    } catch (error) {
      return { written: false, reason: 'failed', error };
    }
  };
  return {
    write,
    get lastWrittenAt() {
      return lastWrittenAt;
    },
  };
}

/** Accepts a writer as is (so several calls share its rate limit) or creates one from options. */
export function toSnapshotWriter(
  option: HeapSnapshotOptions | HeapSnapshotWriter | undefined,
): HeapSnapshotWriter | undefined {
  if (
    option === undefined ||
    (typeof option === 'object' && option !== null && 'write' in option)
  ) {
    return option;
  }
  return createHeapSnapshotWriter(option);
}
