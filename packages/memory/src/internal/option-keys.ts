import { checkKnownKeys, type KnownKeys, knownKeys } from '@hotpath/protocol';
import type { ByteBudgetOptions, TokenBudgetOptions } from '../bounded-conversation.ts';
import type { DetectLeakOptions } from '../detect-leak.ts';
import { MemoryArgumentError } from '../errors.ts';
import type { HeapSnapshotOptions } from '../heap-snapshot-writer.ts';
import type { MemoryProfilerOptions } from '../memory-profiler.ts';
import type { WatchOptions } from '../watch.ts';

/** The keys of {@link WatchOptions}. */
export const WATCH_OPTIONS: KnownKeys = knownKeys<WatchOptions>({
  onLeak: true,
  intervalMs: true,
  window: true,
  minBytesPerSecond: true,
  maxPValue: true,
  sample: true,
  forceGc: true,
  heapSnapshot: true,
  onError: true,
  signal: true,
  now: true,
});

/** The keys of {@link DetectLeakOptions}. */
export const DETECT_LEAK_OPTIONS: KnownKeys = knownKeys<DetectLeakOptions>({
  iterations: true,
  rounds: true,
  warmupRounds: true,
  minBytesPerIteration: true,
  maxPValue: true,
  sample: true,
  forceGc: true,
  heapSnapshot: true,
  signal: true,
});

/** The keys of {@link HeapSnapshotOptions}. */
export const HEAP_SNAPSHOT_OPTIONS: KnownKeys = knownKeys<HeapSnapshotOptions>({
  directory: true,
  minIntervalMs: true,
  headroomFactor: true,
});

/** The keys of {@link MemoryProfilerOptions}. */
export const MEMORY_PROFILER_OPTIONS: KnownKeys = knownKeys<MemoryProfilerOptions>({
  maxSnapshots: true,
});

/** The keys of a bounded conversation's options (a token or a byte budget). */
export const CONVERSATION_OPTIONS: KnownKeys = knownKeys<TokenBudgetOptions & ByteBudgetOptions>({
  maxTokens: true,
  maxBytes: true,
  count: true,
});

/**
 * Rejects an options object with a key `known` does not list, naming the new spelling of an
 * old one. Runs once per watcher, writer, profiler, conversation or `detectLeak` call.
 */
export function checkKeys(name: string, options: unknown, known: KnownKeys): void {
  if (typeof options !== 'object' || options === null) return;
  checkKnownKeys(options, known, name, (message) => new MemoryArgumentError(message));
}
