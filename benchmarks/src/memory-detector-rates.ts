// Measures @hotpath/memory's leak detector: how often it flags a clean, allocation-heavy fixture
// (false alarms) and how often it flags fixtures that leak 64 B to 4 KiB per iteration (detection).
//
//   node --conditions=@hotpath/source src/memory-detector-rates.ts [--runs 50] [--iterations 200] [--rounds 8]
//
// Each run creates a fresh fixture and calls detectLeak with the given settings and the default rule.
import { parseArgs } from 'node:util';
import { type DetectLeakOptions, detectLeak } from '@hotpath/memory';
import { churnFixture, leakyFixture, type MemoryFixture } from '@hotpath/testing';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '50' },
    iterations: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '8' },
  },
});
const runs = Number(values.runs);
const options: DetectLeakOptions = {
  iterations: Number(values.iterations),
  rounds: Number(values.rounds),
};

interface Row {
  readonly fixture: string;
  readonly leaks: boolean;
  readonly make: () => MemoryFixture;
}

const rows: Row[] = [
  { fixture: 'clean (heavy churn, no leak)', leaks: false, make: churnFixture },
  ...[64, 256, 1024, 4096].map((bytes) => ({
    fixture: `leak ${bytes} B/iteration`,
    leaks: true,
    make: () => leakyFixture(bytes),
  })),
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function measure(row: Row): Promise<string> {
  let flagged = 0;
  const times: number[] = [];
  const slopes: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const report = await detectLeak(row.make().run, options);
    times.push(performance.now() - started);
    slopes.push(report.bytesPerIteration);
    if (report.leak) flagged++;
  }
  const rate = ((100 * flagged) / runs).toFixed(1);
  return [
    row.fixture.padEnd(30),
    `${flagged}/${runs}`.padStart(7),
    `${row.leaks ? 'detection' : 'false alarm'} ${rate}%`.padEnd(22),
    `${median(slopes).toFixed(1)} B/it`.padStart(12),
    `${median(times).toFixed(0)} ms/run`.padStart(12),
  ].join('  ');
}

console.log(
  `detectLeak: ${runs} runs per fixture, ${options.iterations} iterations × ${options.rounds} rounds ` +
    `(+2 warm-up), rule: slope > 32 B/iteration, R² ≥ 0.8, growth in ≥ ceil(0.75 × rounds) rounds; ` +
    `Node ${process.version}`,
);
console.log(
  `${'fixture'.padEnd(30)}  ${'flagged'.padStart(7)}  ${'rate'.padEnd(22)}  ${'median slope'.padStart(12)}  ${'median time'.padStart(12)}`,
);
for (const row of rows) console.log(await measure(row));
