// Measures @hotpath/memory's leak detector at its defaults on every fixture shape of
// @hotpath/testing: how often it catches each leak shape and how often it raises a false alarm on
// each non-leak shape, over `--runs` runs (20 by default). Each shape runs in its own child process,
// `--parallel` at a time, so shapes do not share a heap and the table comes back in about a minute.
//
//   node --conditions=@hotpath/source src/memory-detector-rates.ts [--runs 20] [--parallel 2]
//
// Every run creates a fresh fixture and calls detectLeak with no options but a sampler that reads
// exactly what the default one reads (JS heap + external memory) and also keeps the JS-heap-only
// readings, so the same runs are also judged by the previous rule (heap only, least-squares
// slope > 32 B/iteration, R² ≥ 0.8, growth in ≥ 6 of 8 rounds) for comparison. The process exits
// with 1 when a leak shape is caught in fewer than 95% of the runs or a non-leak shape is flagged
// in more than 5% of them (19/20 and 1/20 at the default 20 runs).
import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { detectLeak, fitLine } from '@hotpath/memory';
import { CLEAN_SHAPES, LEAK_SHAPES, type MemoryFixtureShape } from '@hotpath/testing';

const SHAPES: readonly MemoryFixtureShape[] = [...LEAK_SHAPES, ...CLEAN_SHAPES];

/** What one child reports for its shape. */
interface ShapeResult {
  readonly name: string;
  readonly leaks: boolean;
  readonly runs: number;
  readonly flagged: number;
  readonly legacyFlagged: number;
  readonly medianBytesPerIteration: number;
  readonly medianMs: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The rule detectLeak used before: JS heap only, least squares, R², growth streak. */
function legacyVerdict(heap: readonly number[], iterations: number): boolean {
  const measured = heap.slice(-9);
  const { slope, r2 } = fitLine(
    measured.map((_, i) => i * iterations),
    measured,
  );
  const grew = measured.slice(1).filter((y, i) => y > measured[i]!).length;
  return slope > 32 && r2 >= 0.8 && grew >= 6;
}

async function measureShape(shape: MemoryFixtureShape, runs: number): Promise<ShapeResult> {
  let flagged = 0;
  let legacyFlagged = 0;
  const slopes: number[] = [];
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const fixture = shape.make();
    const heap: number[] = [];
    const started = performance.now();
    const report = await detectLeak(fixture.run, {
      sample: () => {
        const { heapUsed, external } = process.memoryUsage();
        heap.push(heapUsed);
        return heapUsed + external;
      },
    });
    times.push(performance.now() - started);
    fixture.dispose?.();
    slopes.push(report.bytesPerIteration);
    if (report.leak) flagged++;
    if (legacyVerdict(heap, report.iterations)) legacyFlagged++;
  }
  return {
    name: shape.name,
    leaks: shape.leaks,
    runs,
    flagged,
    legacyFlagged,
    medianBytesPerIteration: median(slopes),
    medianMs: median(times),
  };
}

function inChild(name: string, runs: number): Promise<ShapeResult> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL(import.meta.url), ['--child', name, '--runs', String(runs)], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (result) => resolve(result as ShapeResult));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the child measuring "${name}" exited with ${code}`));
    });
  });
}

async function inParallel(runs: number, parallel: number): Promise<ShapeResult[]> {
  const results: ShapeResult[] = new Array(SHAPES.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < SHAPES.length) {
      const index = next++;
      results[index] = await inChild(SHAPES[index]!.name, runs);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}

function passes(result: ShapeResult): boolean {
  const share = result.flagged / result.runs;
  return result.leaks ? share >= 0.95 : share <= 0.05;
}

function row(result: ShapeResult): string {
  const rate = `${result.flagged}/${result.runs}`;
  const target = result.leaks ? 'caught, target ≥ 95%' : 'false alarms, target ≤ 5%';
  return [
    result.name.padEnd(36),
    (result.leaks ? 'leak' : 'no leak').padEnd(8),
    rate.padStart(6),
    `${target} ${passes(result) ? 'met' : 'MISSED'}`.padEnd(32),
    `${result.legacyFlagged}/${result.runs}`.padStart(13),
    `${result.medianBytesPerIteration.toFixed(0)} B/it`.padStart(12),
    `${result.medianMs.toFixed(0)} ms/run`.padStart(12),
  ].join('  ');
}

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    parallel: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    child: { type: 'string' },
  },
});
const runs = Number(values.runs);

if (values.child !== undefined) {
  const shape = SHAPES.find((s) => s.name === values.child);
  if (shape === undefined) throw new Error(`no fixture shape named "${values.child}"`);
  process.send!(await measureShape(shape, runs));
  process.disconnect();
} else {
  const started = performance.now();
  const results = await inParallel(runs, Number(values.parallel));
  console.log(
    `detectLeak at its defaults (2 warm-up + 8 measured rounds of 200 calls, JS heap + external memory, ` +
      `robust growth > 32 B/iteration and growing rounds with sign-test p ≤ 0.05), ${runs} runs per shape, ` +
      `${values.parallel} shapes at a time, Node ${process.version}`,
  );
  console.log(
    `${'shape'.padEnd(36)}  ${'kind'.padEnd(8)}  ${'flagged'.padStart(6)}  ${'verdict'.padEnd(32)}  ${'old rule¹'.padStart(13)}  ${'median slope'.padStart(12)}  ${'median time'.padStart(12)}`,
  );
  for (const result of results) console.log(row(result));
  console.log(
    '¹ the same runs judged by the previous rule: JS heap only, least-squares slope > 32 B/iteration, R² ≥ 0.8, growth in ≥ 6 of 8 rounds',
  );
  console.log(`${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (!results.every(passes)) process.exitCode = 1;
}
