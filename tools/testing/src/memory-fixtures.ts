/** A workload for leak detectors: call `run` once per iteration. */
export interface MemoryFixture {
  /** One iteration of the workload. */
  readonly run: (iteration: number) => unknown;
  /** Objects the fixture still holds (for leaky fixtures, grows by one per iteration). */
  readonly retained: () => number;
}

/**
 * A leak of about `bytesPerIteration` bytes of JS heap per call: each call keeps a new array of
 * small integers (8 bytes per element on 64-bit V8 without pointer compression, 4 with it; the
 * array length is chosen for 8, the header adds a few dozen bytes).
 */
export function leakyFixture(bytesPerIteration = 1024): MemoryFixture {
  const kept: number[][] = [];
  const length = Math.max(1, Math.round(bytesPerIteration / 8));
  return {
    run(iteration) {
      kept.push(Array.from({ length }, (_, i) => i + iteration));
    },
    retained: () => kept.length,
  };
}

/**
 * Allocates heavily and retains nothing that grows: per call it builds and drops a 1,000-number
 * array, a ~5 KB string, a 100-entry Map of small objects, and it replaces one slot of a
 * fixed 64-slot cache (steady-state memory, like a full LRU).
 */
export function churnFixture(): MemoryFixture {
  const cache: unknown[] = new Array(64).fill(null);
  return {
    run(iteration) {
      // Five-digit numbers, so every string has the same length whatever the iteration.
      const numbers = Array.from(
        { length: 1000 },
        (_, i) => 10_000 + ((i * 7919 + iteration) % 90_000),
      );
      const text = numbers.slice(0, 800).join(',');
      const map = new Map<string, { n: number; s: string }>();
      for (let i = 0; i < 100; i++) map.set(`k${i}`, { n: numbers[i]!, s: text.slice(i, i + 16) });
      cache[iteration % cache.length] = { text: text.slice(0, 256), size: map.size };
      return numbers.length + text.length + map.size;
    },
    retained: () => cache.length,
  };
}
