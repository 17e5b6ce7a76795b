import { countedSignal } from '@hotpath/testing';
import { describe, expect, it } from 'vitest';
import { detectLeak, MemoryArgumentError, watch } from '../src/index.ts';

describe('detectLeak with a faulty workload or sampler', () => {
  it('rejects with the signal reason while a workload call that never settles is awaited', async () => {
    const controller = new AbortController();
    const reason = new Error('enough');
    let calls = 0;
    const run = detectLeak(
      () => {
        calls++;
        setImmediate(() => controller.abort(reason));
        return new Promise(() => {});
      },
      { signal: controller.signal, forceGc: false, iterations: 1, sample: () => 0 },
    );
    await expect(run).rejects.toBe(reason);
    expect(calls).toBe(1);
  });

  it('leaves no abort listener behind on a long-lived signal', async () => {
    const { signal, counts } = countedSignal();
    await detectLeak(async () => {}, { signal, forceGc: false, iterations: 10, sample: () => 0 });
    const { added, removed } = counts();
    expect(added).toBeGreaterThan(0);
    expect(removed).toBe(added);
  });

  it('rejects with the workload error when a call rejects', async () => {
    const bug = new Error('workload bug');
    await expect(
      detectLeak(() => Promise.reject(bug), { forceGc: false, sample: () => 0 }),
    ).rejects.toBe(bug);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a string', '1024'],
    ['undefined', undefined],
  ])('names options.sample when it returns %s, on the first reading', async (_, value) => {
    let calls = 0;
    const error = await detectLeak(
      () => {
        calls++;
      },
      { forceGc: false, iterations: 1, warmupRounds: 0, sample: () => value as number },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MemoryArgumentError);
    expect((error as Error).message).toContain('options.sample');
    expect(calls).toBe(0);
  });
});

describe('watch with an interval past the longest Node timer', () => {
  it.each([[2 ** 31], [30 * 24 * 3_600_000]])(
    'rejects intervalMs %d, which would force a GC every millisecond',
    (intervalMs) => {
      expect(() => watch({ onLeak: () => {}, intervalMs, forceGc: false })).toThrow(
        MemoryArgumentError,
      );
    },
  );

  it('accepts the longest Node timer', () => {
    const watcher = watch({ onLeak: () => {}, intervalMs: 2 ** 31 - 1, forceGc: false });
    watcher.close();
  });
});

describe('a signal that is no AbortSignal', () => {
  it.each([
    ['a string', 'x'],
    ['an object', { aborted: false }],
  ])(
    'is rejected as %s by detectLeak and watch with the typed error, before any work',
    async (_, signal) => {
      let calls = 0;
      const work = () => {
        calls++;
      };
      await expect(
        detectLeak(work, { forceGc: false, iterations: 1, signal: signal as never }),
      ).rejects.toBeInstanceOf(MemoryArgumentError);
      expect(calls).toBe(0);
      expect(() => watch({ onLeak: () => {}, forceGc: false, signal: signal as never })).toThrow(
        MemoryArgumentError,
      );
    },
  );
});
