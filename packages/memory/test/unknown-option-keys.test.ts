import {
  createBoundedConversation,
  createHeapSnapshotWriter,
  createMemoryProfiler,
  detectLeak,
  MemoryArgumentError,
  watch,
} from '@hotpath/memory';
import { expect, it } from 'vitest';

it('watch rejects an old duration name before starting its timer, naming the Ms spelling', () => {
  const start = () => watch({ onLeak: () => {}, interval: 1000 } as never);
  expect(start).toThrow(MemoryArgumentError);
  expect(start).toThrow(
    'options.interval is not an option; durations are in milliseconds and end in Ms: use options.intervalMs.',
  );
});

it('detectLeak, the snapshot writer, the profiler and the conversation reject unknown keys', async () => {
  let calls = 0;
  await expect(detectLeak(() => calls++, { iteration: 5 } as never)).rejects.toMatchObject({
    code: 'HOTPATH_MEMORY_INVALID_ARGUMENT',
  });
  expect(calls).toBe(0);
  expect(() => createHeapSnapshotWriter({ directory: '/tmp/x', minInterval: 1 } as never)).toThrow(
    'use heapSnapshot.minIntervalMs.',
  );
  expect(() => createMemoryProfiler({ max: 3 } as never)).toThrow(/options.max is not an option/);
  expect(() => createBoundedConversation({ maxbytes: 10 } as never)).toThrow(
    'options.maxbytes is not an option: use options.maxBytes.',
  );
});
