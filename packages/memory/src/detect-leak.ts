import { MemoryArgumentError } from './errors.ts';
import {
  type HeapSnapshotOptions,
  type HeapSnapshotOutcome,
  type HeapSnapshotWriter,
  toSnapshotWriter,
} from './heap-snapshot-writer.ts';
import { publishLeak } from './internal/channels.ts';
import { checkSignal } from './internal/check-signal.ts';
import { gcReader } from './internal/gc-reader.ts';
import { checkKeys, DETECT_LEAK_OPTIONS } from './internal/option-keys.ts';
import {
  checkRule,
  evaluateLeak,
  type LeakRule,
  type LeakVerdict,
  minStepsFor,
} from './leak-rule.ts';

/**
 * The code under test: called `iterations` times per round with the iteration index (counting
 * from 0 across rounds). A returned promise is awaited before the next call.
 */
export type LeakWorkload = (iteration: number) => unknown;

/** Options for {@link detectLeak}. */
export interface DetectLeakOptions {
  /** Calls of the workload per round. @default 200 */
  readonly iterations?: number;
  /** Measured rounds; each ends with a forced GC and one reading. At least 5 at the default `maxPValue`. @default 8 */
  readonly rounds?: number;
  /** Unmeasured rounds first, so JIT code, inline caches and lazy singletons settle. @default 2 */
  readonly warmupRounds?: number;
  /** Growth per iteration above which a round counts, in bytes. @default 32 */
  readonly minBytesPerIteration?: number;
  /**
   * Largest one-sided sign-test p-value of the rounds that grew by more than
   * `minBytesPerIteration` that counts as a trend (see {@link LeakRule}): 7 of 8 rounds at the
   * defaults, so one round that frees memory does not hide a leak. @default 0.05
   */
  readonly maxPValue?: number;
  /**
   * The reading taken after each round's GC, in bytes. Pass your own sampler to follow
   * something else (only the JS heap: `() => process.memoryUsage().heapUsed`; a pool's size; a
   * counter of your own).
   * @default liveBytes: JS heap plus external memory (Buffers, ArrayBuffers, native objects)
   */
  readonly sample?: () => number;
  /** Run two full GCs before each reading (gc obtained without a flag, once per call). @default true */
  readonly forceGc?: boolean;
  /** Write a heap snapshot when a leak is found (a writer is shared across calls for rate-limiting). */
  readonly heapSnapshot?: HeapSnapshotOptions | HeapSnapshotWriter;
  /** Stops the run: between rounds, or while an asynchronous call is awaited; the promise rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

/** What {@link detectLeak} found, with every figure behind it. */
export interface LeakReport extends LeakVerdict {
  /** Calls of the workload per round. */
  readonly iterations: number;
  /** Measured rounds (`samples` has one more reading: the baseline). */
  readonly rounds: number;
  /** Robust growth rate, in bytes retained per iteration (same as `slope`). */
  readonly bytesPerIteration: number;
  /** Robust growth rate, in bytes retained per round. */
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

function ruleOf(options: DetectLeakOptions): LeakRule {
  const rule = {
    minSlope: options.minBytesPerIteration ?? 32,
    maxPValue: options.maxPValue ?? 0.05,
  };
  // Checked before running the workload, which may take minutes.
  checkRule(rule, {
    minSlope: 'options.minBytesPerIteration',
    maxPValue: 'options.maxPValue',
  });
  return rule;
}

/** The plan; `rounds` must give the sign test enough steps to reach `maxPValue`. */
function planOf(options: DetectLeakOptions, rule: LeakRule): Plan {
  return {
    iterations: integer('iterations', options.iterations ?? 200, 1),
    rounds: integer('rounds', options.rounds ?? 8, minStepsFor(rule.maxPValue)),
    warmupRounds: integer('warmupRounds', options.warmupRounds ?? 2, 0),
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

async function runRound(
  fn: LeakWorkload,
  iterations: number,
  offset: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  for (let i = 0; i < iterations; i++) {
    const result = fn(offset + i);
    // Await only what is asynchronous: awaiting every call would allocate a promise per iteration.
    if (isThenable(result)) await (signal === undefined ? result : untilAborted(result, signal));
  }
}

/**
 * `work`, or the signal's reason as soon as it aborts: a workload that never settles must not
 * keep an aborted detectLeak waiting. The abandoned promise is still observed.
 */
async function untilAborted(work: PromiseLike<unknown>, signal: AbortSignal): Promise<unknown> {
  signal.throwIfAborted();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const running = Promise.resolve(work);
  running.catch(() => {});
  try {
    return await Promise.race([running, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
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
    await runRound(fn, plan.iterations, offset, signal);
    // Collect during warm-up too: V8 releases some internal memory (flushed bytecode, caches)
    // only after several GCs, and those drops would otherwise land in the measured rounds.
    read();
  }
  const readings = [read()];
  for (let round = 0; round < plan.rounds; round++, offset += plan.iterations) {
    signal?.throwIfAborted();
    await runRound(fn, plan.iterations, offset, signal);
    readings.push(read());
  }
  return readings;
}

/**
 * Runs `fn` in rounds of `iterations` calls, forces a GC and reads memory (JS heap plus external
 * memory, by default) after each round, and applies the {@link LeakRule}: a leak when the robust
 * growth rate exceeds `minBytesPerIteration` and the rounds that grew by more than that are too
 * many to be chance (sign test, p ≤ `maxPValue`).
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
  checkKeys('options', options, DETECT_LEAK_OPTIONS);
  const rule = ruleOf(options);
  const plan = planOf(options, rule);
  const writer = toSnapshotWriter(options.heapSnapshot);
  const signal = checkSignal(options.signal);
  const readings = await collectReadings(fn, plan, gcReader(options), signal);
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
