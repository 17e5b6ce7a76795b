// Workloads for leak detectors: shapes of leaks as production has them, and shapes of memory use
// that look alike but are not leaks. Each factory returns a fresh fixture; `dispose()` releases
// what the fixture holds (listeners, timers, the module-level array) so runs do not add up.
import { EventEmitter } from 'node:events';

/** A workload for leak detectors: call `run` once per iteration. */
export interface MemoryFixture {
  /** One iteration of the workload. */
  readonly run: (iteration: number) => unknown;
  /** Objects the fixture still holds (for leaky fixtures, grows with the iterations). */
  readonly retained: () => number;
  /** Releases everything the fixture holds. */
  readonly dispose?: () => void;
}

/** A named fixture shape, and whether it leaks. */
export interface MemoryFixtureShape {
  readonly name: string;
  readonly leaks: boolean;
  /** About how many bytes one iteration retains for good, as measured on Node 24 x64 (0 for a non-leak). */
  readonly bytesPerIteration: number;
  readonly make: () => MemoryFixture;
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
    dispose: () => void kept.splice(0),
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

/** A distinct 24-character string per iteration (one-byte, not interned). */
function token(iteration: number): string {
  return `t${iteration.toString(36).padStart(11, '0')}${(iteration * 2654435761).toString(36).padStart(12, '0')}`.slice(
    0,
    24,
  );
}

/** Leak: a Map that keys a small string by request id and never deletes (about 100 B/iteration). */
export function mapStringsLeak(): MemoryFixture {
  const seen = new Map<string, string>();
  return {
    run: (i) => void seen.set(`req-${i}`, token(i)),
    retained: () => seen.size,
    dispose: () => seen.clear(),
  };
}

/** Leak: a listener added per call and never removed, each closing over a small object. */
export function listenerClosuresLeak(): MemoryFixture {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    run(i) {
      const context = { id: i, label: token(i) };
      emitter.on('message', () => context.id);
    },
    retained: () => emitter.listenerCount('message'),
    dispose: () => void emitter.removeAllListeners(),
  };
}

/**
 * Leak, with one large free: the listener leak, plus about 2.5 MiB of unrelated strings held from
 * the start and released at call `freeAt` (default 1,000: the fourth measured round of
 * `detectLeak`'s defaults, 2 warm-up and 8 measured rounds of 200). The free takes back about 50
 * rounds of the leak's growth at once, which spoils any line fitted to the levels.
 */
export function leakWithOneLargeFree(freeAt = 1000): MemoryFixture {
  const leak = listenerClosuresLeak();
  let held: string[] | undefined = Array.from(
    { length: 8192 },
    (_, i) => `${token(i)}${'x'.repeat(88)}`,
  );
  return {
    run(i) {
      if (i === freeAt) held = undefined;
      return leak.run(i);
    },
    retained: () => leak.retained() + (held?.length ?? 0),
    dispose: () => {
      held = undefined;
      leak.dispose?.();
    },
  };
}

/** Leak: every 16th call keeps a 16 KiB Buffer (1 KiB/iteration off the JS heap, ~6 B on it). */
export function offHeapBuffersLeak(): MemoryFixture {
  const bodies: Buffer[] = [];
  return {
    run(i) {
      if (i % 16 === 0) bodies.push(Buffer.alloc(16_384, i & 0xff));
    },
    retained: () => bodies.length,
    dispose: () => void bodies.splice(0),
  };
}

/** Leak in steps: every 25th call keeps a 256-number array (about 80 B/iteration on average). */
export function everyNthLeak(): MemoryFixture {
  const kept: number[][] = [];
  return {
    run(i) {
      if (i % 25 === 0) kept.push(Array.from({ length: 256 }, (_, j) => i + j));
    },
    retained: () => kept.length,
    dispose: () => void kept.splice(0),
  };
}

/** Leak: an interval per call that is never cleared, its callback closing over a small object. */
export function timersLeak(): MemoryFixture {
  const timers: NodeJS.Timeout[] = [];
  return {
    run(i) {
      const context = { id: i, label: token(i) };
      // Long and unref'ed: it never fires during a run and keeps no process alive.
      timers.push(setInterval(() => context.id, 3_600_000).unref());
    },
    retained: () => timers.length,
    dispose: () => {
      for (const timer of timers.splice(0)) clearInterval(timer);
    },
  };
}

/** Leak: a promise chain that grows by one link per call behind a head that never settles. */
export function promiseChainLeak(): MemoryFixture {
  let links = 0;
  let release: () => void = () => {};
  let tail: Promise<unknown> = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    run(i) {
      const label = token(i);
      tail = tail.then(() => label);
      links++;
    },
    retained: () => links,
    dispose: () => {
      release();
      tail = Promise.resolve();
    },
  };
}

// A module-level array, as in a module that logs to an in-memory list: this state outlives every
// fixture on purpose, which is the leak; dispose() empties it so runs stay independent.
const moduleLog: { at: number; event: string }[] = [];

/** Leak: a module-level array that every call appends a small record to. */
export function moduleArrayLeak(): MemoryFixture {
  moduleLog.length = 0;
  return {
    run: (i) => void moduleLog.push({ at: i, event: token(i) }),
    retained: () => moduleLog.length,
    dispose: () => void moduleLog.splice(0),
  };
}

/** Leak: a cache of responses keyed by a unique request key, with no cap (about 200 B/iteration). */
export function uncappedCacheLeak(): MemoryFixture {
  const cache = new Map<string, { status: number; body: string }>();
  return {
    run(i) {
      const key = `GET /v1/items/${i}`;
      if (!cache.has(key)) cache.set(key, { status: 200, body: `{"id":${i},"t":"${token(i)}"}` });
    },
    retained: () => cache.size,
    dispose: () => cache.clear(),
  };
}

/**
 * Not a leak: a cache capped at 300 entries that evicts its oldest 150 at once when full, so
 * its size saws between 150 and 300 with a period of 150 calls (out of step with the rounds).
 */
export function cappedCacheSawtooth(): MemoryFixture {
  const cache = new Map<string, { status: number; body: string }>();
  return {
    run(i) {
      cache.set(`GET /v1/items/${i}`, { status: 200, body: `{"id":${i},"t":"${token(i)}"}` });
      if (cache.size <= 300) return;
      let evict = 150;
      for (const key of cache.keys()) {
        cache.delete(key);
        if (--evict === 0) break;
      }
    },
    retained: () => cache.size,
    dispose: () => cache.clear(),
  };
}

/**
 * Not a leak: a pool that grows to 48 objects of 2 KiB over its first calls (under any warm-up)
 * and then stays that size; each call borrows a varying number of objects and returns them.
 */
export function poolGrowsThenFlat(): MemoryFixture {
  const idle: Uint8Array[] = [];
  return {
    run(i) {
      const borrowed: Uint8Array[] = [];
      // 1 to 48 objects; all 48 are first needed at call 41.
      const want = 1 + ((i * 7) % 48);
      for (let n = 0; n < want; n++) borrowed.push(idle.pop() ?? new Uint8Array(2048));
      idle.push(...borrowed);
    },
    retained: () => idle.length,
    dispose: () => void idle.splice(0),
  };
}

/** Not a leak: a write buffer that collects 512-character lines and is flushed every 75 calls. */
export function periodicFlush(): MemoryFixture {
  let lines: string[] = [];
  let written = 0;
  return {
    run(i) {
      lines.push(`${token(i)} ${'x'.repeat(486)}`);
      if (lines.length < 75) return written;
      written += lines.join('\n').length;
      lines = [];
      return written;
    },
    retained: () => lines.length,
    dispose: () => {
      lines = [];
    },
  };
}

/** Not a leak: 64 KiB Buffers allocated and dropped every call (off-heap churn). */
export function offHeapChurn(): MemoryFixture {
  let last: Buffer | undefined;
  return {
    run(i) {
      last = Buffer.alloc(65_536, i & 0xff);
      return last.length;
    },
    retained: () => (last === undefined ? 0 : 1),
    dispose: () => {
      last = undefined;
    },
  };
}

/** Leak shapes (at least 8), each retaining a steady amount per iteration. */
export const LEAK_SHAPES: readonly MemoryFixtureShape[] = [
  { name: 'small strings in a Map', leaks: true, bytesPerIteration: 130, make: mapStringsLeak },
  { name: 'listener closures', leaks: true, bytesPerIteration: 240, make: listenerClosuresLeak },
  {
    name: 'listener closures, one large free',
    leaks: true,
    bytesPerIteration: 240,
    make: () => leakWithOneLargeFree(),
  },
  { name: 'off-heap Buffers', leaks: true, bytesPerIteration: 1040, make: offHeapBuffersLeak },
  { name: 'every 25th call', leaks: true, bytesPerIteration: 85, make: everyNthLeak },
  { name: 'intervals never cleared', leaks: true, bytesPerIteration: 400, make: timersLeak },
  { name: 'promise chain', leaks: true, bytesPerIteration: 290, make: promiseChainLeak },
  { name: 'module-level array', leaks: true, bytesPerIteration: 150, make: moduleArrayLeak },
  { name: 'cache without a cap', leaks: true, bytesPerIteration: 320, make: uncappedCacheLeak },
];

/** Non-leak shapes (at least 4) that allocate, saw or plateau but do not keep growing. */
export const CLEAN_SHAPES: readonly MemoryFixtureShape[] = [
  { name: 'capped cache, sawtooth', leaks: false, bytesPerIteration: 0, make: cappedCacheSawtooth },
  { name: 'heavy short-lived allocation', leaks: false, bytesPerIteration: 0, make: churnFixture },
  { name: 'pool grows, then flat', leaks: false, bytesPerIteration: 0, make: poolGrowsThenFlat },
  { name: 'periodic flushes', leaks: false, bytesPerIteration: 0, make: periodicFlush },
  { name: 'off-heap churn', leaks: false, bytesPerIteration: 0, make: offHeapChurn },
];
