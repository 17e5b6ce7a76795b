import { Bench } from 'tinybench';

/** One call of a task; may return a promise. */
export type TaskFn = () => unknown;

/** A benchmark scenario: hotpath and its peers doing the same work. */
export interface Scenario {
  /** Shown in the report, for example `executor: map 100k no-op tasks, concurrency 8`. */
  readonly name: string;
  /** How many items one call processes, so the report can print items/s. @default 1 */
  readonly itemsPerCall?: number;
  /** Task name → function. The task named `hotpath` (or starting with `hotpath`) is compared to the others. */
  readonly tasks: { readonly [name: string]: TaskFn };
  /** Promised ratios: `hotpath` must reach `min` × the peer's throughput. */
  readonly targets?: readonly {
    readonly task?: string;
    readonly peer: string;
    readonly min: number;
  }[];
  readonly setup?: () => unknown;
  readonly teardown?: () => unknown;
}

/** Options for {@link runScenario}. */
export interface RunOptions {
  /** Interleaved rounds; each runs every task once, in random order. */
  readonly rounds: number;
  /** tinybench time budget per task per round, in ms. */
  readonly timeMs: number;
}

/** Measured throughput of one task and its paired ratios. */
export interface TaskSummary {
  readonly name: string;
  /** Median over rounds of calls per second. */
  readonly opsPerSec: number;
  /** Median over rounds of items per second (`opsPerSec × itemsPerCall`). */
  readonly itemsPerSec: number;
}

/** A checked target ratio. */
export interface RatioSummary {
  readonly task: string;
  readonly peer: string;
  /** Median over rounds of the paired per-round ratio task/peer. */
  readonly ratio: number;
  readonly min?: number;
  readonly met?: boolean;
}

/** What {@link runScenario} returns. */
export interface ScenarioResult {
  readonly name: string;
  readonly tasks: readonly TaskSummary[];
  readonly ratios: readonly RatioSummary[];
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function measure(fn: TaskFn, timeMs: number, warmup: boolean): Promise<number> {
  // tinybench runs at least 64 iterations by default; scenarios with heavy calls must stay time-bound.
  const bench = new Bench({
    time: timeMs,
    iterations: 1,
    warmup,
    warmupTime: Math.min(timeMs, 100),
    warmupIterations: 1,
  });
  bench.add('task', fn);
  await bench.run();
  const result = bench.tasks[0]!.result;
  if (result.state === 'errored') throw result.error;
  if (result.state !== 'completed') throw new Error(`benchmark task ended as ${result.state}`);
  return result.throughput.mean;
}

function isHotpath(name: string): boolean {
  return name.startsWith('hotpath');
}

/**
 * Runs a scenario in interleaved rounds: every round runs each task once in a
 * random order, so drift on a noisy machine hits all tasks alike. Ratios are
 * paired per round, then the median is taken.
 */
export async function runScenario(
  scenario: Scenario,
  options: RunOptions,
): Promise<ScenarioResult> {
  const names = Object.keys(scenario.tasks);
  const samples = new Map<string, number[]>(names.map((name) => [name, []]));
  await scenario.setup?.();
  try {
    for (let round = 0; round < options.rounds; round++) {
      for (const name of shuffle([...names])) {
        samples.get(name)!.push(await measure(scenario.tasks[name]!, options.timeMs, round === 0));
      }
    }
  } finally {
    await scenario.teardown?.();
  }
  const items = scenario.itemsPerCall ?? 1;
  const tasks = names.map((name) => {
    const opsPerSec = median(samples.get(name)!);
    return { name, opsPerSec, itemsPerSec: opsPerSec * items };
  });
  const pairs =
    scenario.targets ??
    names
      .filter(isHotpath)
      .flatMap((task) =>
        names.filter((peer) => !isHotpath(peer)).map((peer) => ({ task, peer, min: undefined })),
      );
  const ratios = pairs.map(({ task = names.find(isHotpath)!, peer, min }) => {
    const a = samples.get(task)!;
    const b = samples.get(peer);
    if (!b) throw new Error(`scenario "${scenario.name}": no task named "${peer}"`);
    const ratio = median(a.map((value, i) => value / b[i]!));
    return min === undefined
      ? { task, peer, ratio }
      : { task, peer, ratio, min, met: ratio >= min };
  });
  return { name: scenario.name, tasks, ratios };
}
