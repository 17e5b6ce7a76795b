import { describe, expect, it } from 'vitest';
import {
  compareSnapshots,
  createMemoryProfiler,
  type MemorySnapshot,
  NotEnoughSamplesError,
  trendOf,
} from '../src/index.ts';

function synthetic(label: string, time: number, heapUsed: number, afterGc = true): MemorySnapshot {
  const process = {
    rss: heapUsed * 2,
    heapTotal: heapUsed + 100,
    heapUsed,
    external: 7,
    arrayBuffers: 3,
  };
  const heap = {
    total_heap_size: heapUsed + 100,
    total_heap_size_executable: 0,
    total_physical_size: heapUsed,
    total_available_size: 1e9,
    used_heap_size: heapUsed,
    heap_size_limit: 2e9,
    malloced_memory: 10,
    peak_malloced_memory: 20,
    does_zap_garbage: 0 as const,
    number_of_native_contexts: 1,
    number_of_detached_contexts: 0,
    total_global_handles_size: 0,
    used_global_handles_size: 0,
    external_memory: 0,
  };
  const spaces = {
    old_space: { size: heapUsed, used: heapUsed / 2, available: 5, physical: heapUsed },
  };
  return { label, time, timestamp: time, afterGc, process, heap, spaces };
}

describe('compare', () => {
  it('gives per-field deltas b − a, including spaces present on one side only', () => {
    const a = synthetic('a', 1000, 4000);
    const b = {
      ...synthetic('b', 3500, 10_000),
      spaces: { code_space: { size: 8, used: 4, available: 2, physical: 8 } },
    };
    const d = compareSnapshots(a, b);
    expect(d).toMatchObject({ from: 'a', to: 'b', elapsedMs: 2500 });
    expect(d.process).toEqual({
      rss: 12_000,
      heapTotal: 6000,
      heapUsed: 6000,
      external: 0,
      arrayBuffers: 0,
    });
    expect(d.heap.used_heap_size).toBe(6000);
    expect(d.heap.heap_size_limit).toBe(0);
    expect(d.spaces.old_space).toEqual({
      size: -4000,
      used: -2000,
      available: -5,
      physical: -4000,
    });
    expect(d.spaces.code_space).toEqual({ size: 8, used: 4, available: 2, physical: 8 });
  });
});

describe('trend', () => {
  it('is exact on a known line: 500 B per sample, 250 B/s, R² = 1, ignoring un-GC’d samples', () => {
    const snaps = [0, 1, 2, 3, 4].map((i) => synthetic(`s${i}`, i * 2000, 1000 + 500 * i));
    snaps.splice(2, 0, synthetic('noisy', 2500, 99_999_999, false));
    const trend = trendOf(snaps, 'heapUsed');
    expect(trend).toMatchObject({ field: 'heapUsed', samples: 5, first: 1000, last: 3000 });
    expect(trend.bytesPerSample).toBeCloseTo(500, 9);
    expect(trend.bytesPerSecond).toBeCloseTo(250, 9);
    expect(trend.r2).toBeCloseTo(1, 12);
  });

  it('needs two GC’d samples', () => {
    expect(() => trendOf([synthetic('a', 0, 1), synthetic('b', 1, 2, false)], 'rss')).toThrow(
      NotEnoughSamplesError,
    );
  });

  it('follows real heap growth across GC’d snapshots', () => {
    const memory = createMemoryProfiler();
    const kept: number[][] = [];
    memory.snapshot('start');
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 64; j++) kept.push(Array.from({ length: 2048 }, (_, k) => k));
      memory.snapshot(`step ${i}`);
    }
    const trend = memory.trend();
    expect(kept).toHaveLength(384);
    expect(trend.samples).toBe(7);
    // 64 arrays of 2,048 small integers per step: at least 4 bytes per element, so ≥ 512 KiB.
    expect(trend.bytesPerSample).toBeGreaterThan(512 * 1024);
    expect(trend.r2).toBeGreaterThan(0.95);
  });
});

describe('createMemoryProfiler', () => {
  it('snapshots memoryUsage, heap statistics and heap spaces, marking GC’d readings', () => {
    const memory = createMemoryProfiler({ maxSnapshots: 2 });
    const a = memory.snapshot('a');
    const b = memory.snapshot('b', { gc: false });
    const c = memory.snapshot('c');
    expect([a.afterGc, b.afterGc, c.afterGc]).toEqual([true, false, true]);
    expect(c.process.heapUsed).toBeGreaterThan(0);
    expect(c.heap.heap_size_limit).toBeGreaterThan(c.heap.used_heap_size);
    expect(Object.keys(c.spaces)).toContain('old_space');
    expect(memory.snapshots.map((s) => s.label)).toEqual(['b', 'c']);
    memory.clear();
    expect(memory.snapshots).toEqual([]);
  });

  it('obtains a working gc() without --expose-gc', async () => {
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
    const memory = createMemoryProfiler();
    let target: object | undefined = { payload: new Array(1000).fill(1) };
    const ref = new WeakRef(target);
    target = undefined;
    // WeakRef targets stay alive until the current job ends.
    await new Promise((resolve) => setImmediate(resolve));
    memory.gc();
    expect(ref.deref()).toBeUndefined();
  });

  it('rejects a bad label or maxSnapshots with a TypeError', () => {
    expect(() => createMemoryProfiler({ maxSnapshots: 1 })).toThrow(TypeError);
    expect(() => createMemoryProfiler().snapshot(42 as unknown as string)).toThrow(/label/);
  });
});
