import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import { type LeakAlert, MemoryArgumentError, watch } from '../src/index.ts';

const noop = (): void => {};

/** A clock that moves one second per reading, so the readings are evenly spaced. */
function ticking(): {
  now: () => number;
  tick: () => void;
  around: (f: () => number) => () => number;
} {
  let ms = 0;
  const tick = (): void => {
    ms += 1000;
  };
  const around = (f: () => number) => (): number => {
    tick();
    return f();
  };
  return { now: () => ms, tick, around };
}

function counter(step: number): () => number {
  let bytes = 1_000_000;
  return () => (bytes += step);
}

describe('watch', () => {
  it('fires once a full window grows steadily, then starts a fresh window', async () => {
    const alerts: LeakAlert[] = [];
    const clock = ticking();
    const sample = counter(4096);
    await using watcher = watch({
      onLeak: (alert) => void alerts.push(alert),
      window: 6,
      sample: clock.around(sample),
      forceGc: false,
      now: clock.now,
    });
    for (let i = 0; i < 5; i++) expect(watcher.check()).toBeUndefined();
    const alert = watcher.check();
    expect(alert?.leak).toBe(true);
    expect(alert?.bytesPerSample).toBeCloseTo(4096, 6);
    expect(alert?.bytesPerSecond).toBeCloseTo(4096, 6);
    expect(alert?.growth).toEqual([4096, 4096, 4096, 4096, 4096]);
    expect(alert?.pValue).toBe(1 / 32);
    expect(alerts).toEqual([alert]);
    expect(watcher.readings).toEqual([]);
    expect(watcher.alerts).toBe(1);
  });

  it('never fires on a flat, noisy reading', async () => {
    const noise = [0, 3000, -2000, 1000, -3000, 2500, -500, 0];
    let i = 0;
    await using watcher = watch({
      onLeak: () => expect.unreachable('no leak expected'),
      window: 6,
      sample: () => 5_000_000 + noise[i++ % noise.length]!,
      forceGc: false,
    });
    for (let n = 0; n < 200; n++) watcher.check();
    expect(watcher.alerts).toBe(0);
    expect(watcher.readings).toHaveLength(6);
  });

  it('detects real heap growth across forced GCs and publishes on hotpath:memory:leak', async () => {
    const published: unknown[] = [];
    const listener = (message: unknown): void => void published.push(message);
    subscribe('hotpath:memory:leak', listener);
    const kept: number[][] = [];
    try {
      const clock = ticking();
      await using watcher = watch({ onLeak: noop, window: 6, now: clock.now });
      let alert: LeakAlert | undefined;
      for (let i = 0; i < 6; i++) {
        clock.tick();
        for (let j = 0; j < 100; j++) kept.push(Array.from({ length: 1024 }, (_, k) => k));
        alert = watcher.check();
      }
      expect(alert?.leak).toBe(true);
      expect(alert!.bytesPerSample).toBeGreaterThan(100 * 1024 * 4);
      expect(published).toEqual([alert]);
    } finally {
      unsubscribe('hotpath:memory:leak', listener);
    }
  });

  it('sends errors from onLeak, async rejections and the sampler to onError', async () => {
    const errors: unknown[] = [];
    const clock = ticking();
    const sample = counter(1 << 20);
    const watcher = watch({
      onLeak: async () => {
        throw new Error('async boom');
      },
      onError: (error) => void errors.push(error),
      window: 6,
      sample: clock.around(sample),
      forceGc: false,
      now: clock.now,
    });
    for (let i = 0; i < 6; i++) watcher.check();
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toEqual([new Error('async boom')]);
    await watcher.close();
  });

  it('ticks on its timer, stops on close, and is closed by an aborted signal', async () => {
    let reads = 0;
    const watcher = watch({
      onLeak: noop,
      intervalMs: 2,
      sample: () => ++reads,
      forceGc: false,
    });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (reads < 3) return;
        clearInterval(poll);
        resolve();
      }, 2);
    });
    await watcher.close();
    const after = reads;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(reads).toBe(after);
    expect(watcher.check()).toBeUndefined();

    const controller = new AbortController();
    const aborted = watch({
      onLeak: noop,
      sample: () => 1,
      forceGc: false,
      signal: controller.signal,
    });
    controller.abort();
    expect(aborted.check()).toBeUndefined();
    expect(aborted.readings).toEqual([]);
  });

  it('rejects bad options with a MemoryArgumentError', () => {
    expect(() => watch({} as unknown as { onLeak: () => void })).toThrow(MemoryArgumentError);
    expect(() => watch({ onLeak: noop, window: 2 })).toThrow(/options\.window/);
    // 4 steps cannot reach p ≤ 0.05 (1/16 at best): such a watcher could never fire.
    expect(() => watch({ onLeak: noop, window: 5 })).toThrow(
      /options\.window must be an integer ≥ 6/,
    );
    const lenient = watch({ onLeak: noop, window: 5, maxPValue: 0.1, forceGc: false });
    expect(lenient.alerts).toBe(0);
    void lenient.close();
    expect(() => watch({ onLeak: noop, intervalMs: 0 })).toThrow(/options\.intervalMs/);
    expect(() => watch({ onLeak: noop, maxPValue: 0 })).toThrow(/options\.maxPValue/);
  });
});
