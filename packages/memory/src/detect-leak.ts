import { MemoryArgumentError } from './errors.ts';
import {
  type HeapSnapshotOptions,
  type HeapSnapshotOutcome,
  type HeapSnapshotWriter,
  toSnapshotWriter,
} from './heap-snapshot-writer.ts';
import { publishLeak } from './internal/channels.ts';
import { type GcFunction, lazyGc } from './internal/gc.ts';
import { checkRule, evaluateLeak, type LeakRule, type LeakVerdict } from './leak-rule.ts';

/**
 * The code under test: called `iterations` times per round with the iteration index (counting
 * from 0 across rounds). A returned promise is awaited before the next call.
 */
export type LeakWorkload = (iteration: number) => unknown;

/** Options for {@link detectLeak}. */
export interface DetectLeakOptions {
  /** Calls of the workload per round. @default 200 */
  readonly iterations?: number;
  /** Measured rounds; each ends with a forced GC and one reading. @default 8 */
  readonly rounds?: number;
  /** Unmeasured rounds first, so JIT code, inline caches and lazy singletons settle. @default 2 */
  readonly warmupRounds?: number;
  /** Leak slope threshold, in bytes retained per iteration. @default 32 */
  readonly minBytesPerIteration?: number;
  /** Minimum R² of the regression. @default 0.8 */
  readonly minR2?: number;
  /** Rounds out of `rounds` in which the post-GC reading must have grown. @default ceil(0.75 × rounds) */
  readonly minGrowthRounds?: number;
  /**
   * The reading taken after each round's GC, in bytes. Pass your own sampler to follow something
   * other than the JS heap (for example `() => process.memoryUsage().external`).
   * @default () => process.memoryUsage().heapUsed
   */
  readonly sample?: () => number;
  /** Run two full GCs before each reading (gc obtained without a flag, once per call). @default true */
  readonly forceGc?: boolean;
  /** Write a heap snapshot when a leak is found (a writer is shared across calls for rate-limiting). */
  readonly heapSnapshot?: HeapSnapshotOptions | HeapSnapshotWriter;
  /** Stops between rounds; the promise rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

/** What {@link detectLeak} found, with every figure behind it. */
export interface LeakReport extends LeakVerdict {
  /** Calls of the workload per round. */
  readonly iterations: number;
  /** Measured rounds (`samples` has one more reading: the baseline). */
  readonly rounds: number;
  /** Regression slope, in bytes retained per iteration (same as `slope`). */
  readonly bytesPerIteration: number;
  /** Regression slope, in bytes retained per round. */
  readonly bytesPerRound: number;
  /** Set when a leak was found and `heapSnapshot` was given. */
  readonly heapSnapshot?: HeapSnapshotOutcome;
}

interface Plan {
  readonly iterations: number;
  readonly rounds: number;
  readonly warmupRounds: number;
}

function integer(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new MemoryArgumentError(`options.${name}`, `an integer ≥ ${min}`, value);
  }
  return value;
}

function planOf(options: DetectLeakOptions): Plan {
  return {
    iterations: integer('iterations', options.iterations ?? 200, 1),
    rounds: integer('rounds', options.rounds ?? 8, 3),
    warmupRounds: integer('warmupRounds', options.warmupRounds ?? 2, 0),
  };
}

function ruleOf(options: DetectLeakOptions, plan: Plan): LeakRule {
  const rule = {
    minSlope: options.minBytesPerIteration ?? 32,
    minR2: options.minR2 ?? 0.8,
    minGrowthSteps: options.minGrowthRounds ?? Math.ceil(0.75 * plan.rounds),
    window: plan.rounds,
  };
  // Checked before running the workload, which may take minutes.
  checkRule(rule, {
    minSlope: 'options.minBytesPerIteration',
    minR2: 'options.minR2',
    minGrowthSteps: 'options.minGrowthRounds',
  });
  return rule;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

async function runRound(fn: LeakWorkload, iterations: number, offset: number): Promise<void> {
  for (let i = 0; i < iterations; i++) {
    const result = fn(offset + i);
    // Await only what is asynchronous: awaiting every call would allocate a promise per iteration.
    if (isThenable(result)) await result;
  }
}

async function collectReadings(
  fn: LeakWorkload,
  plan: Plan,
  read: () => number,
  signal: AbortSignal | undefined,
): Promise<number[]> {
  let offset = 0;
  for (let round = 0; round < plan.warmupRounds; round++, offset += plan.iterations) {
    signal?.throwIfAborted();
    await runRound(fn, plan.iterations, offset);
    // Collect during warm-up too: V8 releases some internal memory (flushed bytecode, caches)
    // only after several GCs, and those drops would otherwise land in the measured rounds.
    read();
  }
  const readings = [read()];
  for (let round = 0; round < plan.rounds; round++, offset += plan.iterations) {
    signal?.throwIfAborted();
    await runRound(fn, plan.iterations, offset);
    readings.push(read());
  }
  return readings;
}

function reader(options: DetectLeakOptions): () => number {
  const sample = options.sample ?? (() => process.memoryUsage().heapUsed);
  if (typeof sample !== 'function') {
    throw new MemoryArgumentError('options.sample', 'a function returning bytes', sample);
  }
  if (options.forceGc === false) return sample;
  const gc: GcFunction = lazyGc();
  return () => {
    gc();
    return sample();
  };
}

/**
 * Runs `fn` in rounds of `iterations` calls, forces a GC and reads memory after each round, and
 * applies the {@link LeakRule}: a leak when the slope exceeds `minBytesPerIteration`, R² ≥ `minR2`,
 * and the reading grew in at least `minGrowthRounds` of the `rounds` rounds.
 *
 * @example
 * ```ts
 * const report = await detectLeak(() => handler(request), { iterations: 500 });
 * if (report.leak) console.log(`${report.bytesPerIteration.toFixed(0)} B retained per call`);
 * ```
 */
export async function detectLeak(
  fn: LeakWorkload,
  options: DetectLeakOptions = {},
): Promise<LeakReport> {
  if (typeof fn !== 'function') throw new MemoryArgumentError('fn', 'a function', fn);
  const plan = planOf(options);
  const rule = ruleOf(options, plan);
  const writer = toSnapshotWriter(options.heapSnapshot);
  const readings = await collectReadings(fn, plan, reader(options), options.signal);
  const verdict = evaluateLeak(
    readings.map((_, i) => i * plan.iterations),
    readings,
    rule,
  );
  const report: LeakReport = {
    ...verdict,
    iterations: plan.iterations,
    rounds: plan.rounds,
    bytesPerIteration: verdict.slope,
    bytesPerRound: verdict.slope * plan.iterations,
    ...(verdict.leak && writer ? { heapSnapshot: writer.write() } : {}),
  };
  if (report.leak) publishLeak(report);
  return report;
}
