import '@hotpath/protocol/assert-node';

export {
  type BoundedConversation,
  type BoundedConversationOptions,
  type ByteBudgetOptions,
  createBoundedConversation,
  type MessageCounter,
  type TokenBudgetOptions,
} from './bounded-conversation.ts';
export { MEMORY_CHANNELS } from './channels.ts';
export { countInstances } from './count-instances.ts';
export {
  type DetectLeakOptions,
  detectLeak,
  type LeakReport,
  type LeakWorkload,
} from './detect-leak.ts';
export {
  GcUnavailableError,
  LeakDetectedError,
  MemoryArgumentError,
  NotEnoughSamplesError,
  QueryObjectsUnavailableError,
} from './errors.ts';
export { describeLeak, type ExpectNoLeakOptions, expectNoLeak } from './expect-no-leak.ts';
export { fitLine, type LineFit } from './fit-line.ts';
export {
  createHeapSnapshotWriter,
  type HeapSnapshotOptions,
  type HeapSnapshotOutcome,
  type HeapSnapshotWriter,
  hasHeadroom,
} from './heap-snapshot-writer.ts';
export { evaluateLeak, type LeakRule, type LeakVerdict } from './leak-rule.ts';
export { liveBytes } from './live-bytes.ts';
export {
  createMemoryProfiler,
  type MemoryProfiler,
  type MemoryProfilerOptions,
  type MemoryTrend,
  type SnapshotOptions,
  type TrendField,
  trendOf,
} from './memory-profiler.ts';
export { messageBytes } from './message-bytes.ts';
export { hodgesLehmann, signTestPValue, stepSlopes } from './robust-trend.ts';
export {
  compareSnapshots,
  type HeapSpace,
  type MemoryComparison,
  type MemorySnapshot,
  type ProcessMemory,
} from './snapshot.ts';
export { type LeakAlert, type MemoryWatcher, type WatchOptions, watch } from './watch.ts';
