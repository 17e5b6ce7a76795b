import { describe, expect, it } from 'vitest';
import { createProfiler } from '../src/index.ts';

describe('createProfiler', () => {
  it('measures a sync function synchronously and returns its value', () => {
    const profiler = createProfiler();
    const result = profiler.measure('sync', () => 42);
    expect(result).toBe(42);
    expect(profiler.stats('sync')?.count).toBe(1);
  });

  it('measures an async function when it settles and resolves to its value', async () => {
    const profiler = createProfiler();
    let resolve!: (value: string) => void;
    const pending = profiler.measure('async', () => new Promise<string>((r) => (resolve = r)));
    expect(pending).toBeInstanceOf(Promise);
    expect(profiler.stats('async')?.count).toBe(0);
    resolve('done');
    await expect(pending).resolves.toBe('done');
    expect(profiler.stats('async')?.count).toBe(1);
  });

  it('records throwing and rejecting functions and passes their errors through', async () => {
    const profiler = createProfiler();
    const boom = new Error('boom');
    expect(() =>
      profiler.measure('throws', () => {
        throw boom;
      }),
    ).toThrow(boom);
    await expect(profiler.measure('rejects', () => Promise.reject(boom))).rejects.toBe(boom);
    expect(profiler.stats('throws')?.count).toBe(1);
    expect(profiler.stats('rejects')?.count).toBe(1);
  });

  it('start() returns a stop function that records the elapsed ms once per call', () => {
    const profiler = createProfiler();
    const stop = profiler.start('timer');
    const elapsed = stop();
    expect(elapsed).toBeGreaterThanOrEqual(0);
    expect(profiler.stats('timer')).toMatchObject({ count: 1, max: elapsed });
  });

  it('records values per label, lists labels in first-use order and resets', () => {
    const profiler = createProfiler();
    for (let i = 1; i <= 100; i++) profiler.record('b', i);
    profiler.record('a', 5);
    expect(profiler.labels()).toEqual(['b', 'a']);
    expect(profiler.stats('b')).toMatchObject({ count: 100, min: 1, max: 100, mean: 50.5 });
    expect(profiler.stats('missing')).toBeUndefined();
    expect(Object.keys(profiler.snapshot())).toEqual(['b', 'a']);
    profiler.reset('b');
    expect(profiler.stats('b')?.count).toBe(0);
    expect(profiler.stats('a')?.count).toBe(1);
    profiler.reset();
    expect(profiler.stats('a')?.count).toBe(0);
  });

  it('keeps a rolling window that forgets values after a full rotation', () => {
    using profiler = createProfiler({ window: { durationMs: 60_000, slots: 3 } });
    profiler.record('x', 1000);
    profiler.rotate();
    profiler.record('x', 1);
    expect(profiler.stats('x', { window: true })).toMatchObject({ count: 2, max: 1000 });
    profiler.rotate();
    profiler.rotate();
    expect(profiler.stats('x', { window: true })).toMatchObject({ count: 1, max: 1 });
    profiler.rotate();
    expect(profiler.stats('x', { window: true })?.count).toBe(0);
    expect(profiler.stats('x')).toMatchObject({ count: 2, max: 1000 });
  });

  it('exports one summary family with a label per profiled label', () => {
    const profiler = createProfiler({ name: 'app_latency_ms' });
    profiler.record('db', 10);
    const [family] = profiler.collect();
    expect(family).toMatchObject({ name: 'app_latency_ms', type: 'summary' });
    expect(family?.samples[0]).toMatchObject({ labels: { label: 'db' }, count: 1, sum: 10 });
  });

  it('rejects a bad window and a bad label', () => {
    expect(() => createProfiler({ window: { durationMs: 0 } })).toThrow(/durationMs/);
    const profiler = createProfiler();
    expect(() => profiler.record(1 as unknown as string, 1)).toThrow(/label must be a string/);
    expect(() => profiler.measure('x', 5 as unknown as () => void)).toThrow(
      /fn must be a function/,
    );
    expect(() => createProfiler({ window: { durationMs: 1000, slots: 0 } })).toThrow(/slots/);
    expect(() => createProfiler({ histogram: { precisionBits: 20 } })).toThrow(/precisionBits/);
  });
});
