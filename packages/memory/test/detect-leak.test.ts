import { churnFixture, leakyFixture } from '@hotpath/testing';
import { describe, expect, it } from 'vitest';
import { detectLeak, MemoryArgumentError } from '../src/index.ts';

describe('detectLeak', () => {
  it('detects a fixture that leaks about 1 KB per iteration', async () => {
    const fixture = leakyFixture(1024);
    // 300 iterations per round keep ~300 KB of growth per round above the post-GC noise of a
    // machine that is running other test files at the same time.
    const report = await detectLeak(fixture.run, { iterations: 300, rounds: 6, warmupRounds: 1 });
    expect(report.leak).toBe(true);
    expect(report.checks).toEqual({ slope: true, trend: true });
    // 128 small integers per array: 512 B (compressed pointers) to ~1.1 KB (full pointers) retained.
    expect(report.bytesPerIteration).toBeGreaterThan(500);
    expect(report.bytesPerIteration).toBeLessThan(1500);
    expect(report.samples).toHaveLength(7);
    expect(fixture.retained()).toBe(2100);
  });

  it('never flags a fixture that allocates heavily but retains nothing, in 20 runs', async () => {
    let flagged = 0;
    for (let run = 0; run < 20; run++) {
      const report = await detectLeak(churnFixture().run, {
        iterations: 30,
        rounds: 6,
        warmupRounds: 1,
      });
      if (report.leak) flagged++;
    }
    expect(flagged).toBe(0);
    // 320 forced GCs: a few seconds on an idle machine, much longer on a loaded one.
  }, 120_000);

  it('awaits asynchronous workloads and passes the iteration index', async () => {
    const seen: number[] = [];
    const report = await detectLeak(
      async (i) => {
        seen.push(i);
        await Promise.resolve();
      },
      { iterations: 5, rounds: 5, warmupRounds: 1, forceGc: false },
    );
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(report.samples).toHaveLength(6);
  });

  it('applies the rule to a custom sampler', async () => {
    let bytes = 0;
    const report = await detectLeak(
      () => {
        bytes += 100;
      },
      {
        iterations: 10,
        rounds: 5,
        sample: () => bytes,
        forceGc: false,
      },
    );
    expect(report).toMatchObject({ leak: true, bytesPerIteration: 100, bytesPerRound: 1000 });
    expect(report.growth).toEqual([1000, 1000, 1000, 1000, 1000]);
  });

  it('stops between rounds when the signal aborts', async () => {
    const controller = new AbortController();
    let calls = 0;
    const pending = detectLeak(
      () => {
        if (++calls === 3) controller.abort(new Error('enough'));
      },
      { iterations: 2, rounds: 5, warmupRounds: 0, forceGc: false, signal: controller.signal },
    );
    await expect(pending).rejects.toThrow('enough');
    expect(calls).toBe(4);
  });

  it('rejects bad arguments with a MemoryArgumentError naming them', async () => {
    await expect(detectLeak('nope' as unknown as () => void)).rejects.toThrow(MemoryArgumentError);
    await expect(detectLeak(() => {}, { rounds: 2 })).rejects.toThrow(/options\.rounds/);
    // 4 rounds cannot reach p ≤ 0.05 (1/16 at best): such a check could never find a leak.
    await expect(detectLeak(() => {}, { rounds: 4 })).rejects.toThrow(
      /options\.rounds must be an integer ≥ 5/,
    );
    await expect(detectLeak(() => {}, { iterations: 0.5 })).rejects.toThrow(/options\.iterations/);
    let calls = 0;
    const counted = (): void => {
      calls++;
    };
    await expect(detectLeak(counted, { maxPValue: 1.5 })).rejects.toThrow(/options\.maxPValue/);
    await expect(detectLeak(counted, { minBytesPerIteration: -1 })).rejects.toThrow(
      /options\.minBytesPerIteration must be a finite number ≥ 0, got -1/,
    );
    await expect(detectLeak(counted, { heapSnapshot: 'dir' as never })).rejects.toThrow(
      /heapSnapshot\.directory/,
    );
    expect(calls).toBe(0);
  });
});
