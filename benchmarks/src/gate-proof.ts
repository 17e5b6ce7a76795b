// Proves the regression gate on a synthetic benchmark of controllable cost (a busy loop of
// N iterations). Four conditions, `--runs` gate runs each (default 20):
//   aa       identical base and head                          → false alarms (want ≤ 1/20)
//   aa-load  identical, with a busy-loop child process on the other core (want ≤ 1/20)
//   ab10     head does 10% more iterations                    → detections (want ≥ 18/20)
//   ab15     head does 15% more iterations                    → detections (want ≥ 19/20)
// Every gate run is the full `compareScenarios` (noise probe, rounds, bootstrap, Holm,
// confirmation re-run). Prints a Markdown table and writes results/<--out>.json.
// `--statistic mean` judges the mean call instead of the median (harsher on a loaded machine).
// Re-run: cd benchmarks && ../node_modules/.bin/node --conditions=@hotpath/source src/gate-proof.ts
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type CompareReport, compareScenarios, createSpinTask } from '@hotpath/bench';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '30' },
    time: { type: 'string', default: '40' },
    iterations: { type: 'string', default: '100000' },
    only: { type: 'string', default: 'aa,aa-load,ab10,ab15' },
    statistic: { type: 'string', default: 'median' },
    out: { type: 'string', default: 'gate-proof' },
  },
});
const runs = Number(values.runs);
const rounds = Number(values.rounds);
const timeMs = Number(values.time);
const iterations = Number(values.iterations);
const statistic = values.statistic === 'mean' ? 'mean' : 'median';

interface Condition {
  readonly id: string;
  readonly slowdown: number;
  readonly load: boolean;
  readonly want: string;
}

const conditions: Condition[] = [
  { id: 'aa', slowdown: 0, load: false, want: '≤ 1 false alarm' },
  { id: 'aa-load', slowdown: 0, load: true, want: '≤ 1 false alarm' },
  { id: 'ab10', slowdown: 0.1, load: false, want: '≥ 18 detected' },
  { id: 'ab15', slowdown: 0.15, load: false, want: '≥ 19 detected' },
].filter((condition) => values.only.split(',').includes(condition.id));

interface RunRecord {
  readonly status: CompareReport['status'];
  readonly ratio: number | undefined;
  readonly low: number | undefined;
  readonly high: number | undefined;
  readonly probeHalfWidth: number | undefined;
  readonly seconds: number;
}

function busyChild(): ChildProcess {
  return spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
}

async function gateRun(slowdown: number, seed: number): Promise<RunRecord> {
  const started = performance.now();
  const report = await compareScenarios(
    [
      {
        name: 'synthetic spin',
        base: { name: 'synthetic spin', tasks: { spin: createSpinTask(iterations) } },
        head: {
          name: 'synthetic spin',
          tasks: { spin: createSpinTask(Math.round(iterations * (1 + slowdown))) },
        },
      },
    ],
    { rounds, timeMs, seed, statistic },
  );
  const benchmark = report.benchmarks[0];
  return {
    status: report.status,
    ratio: benchmark?.ratio,
    low: benchmark?.low,
    high: benchmark?.high,
    probeHalfWidth: report.probe?.halfWidth,
    seconds: (performance.now() - started) / 1000,
  };
}

async function runCondition(condition: Condition): Promise<RunRecord[]> {
  const child = condition.load ? busyChild() : undefined;
  try {
    const records: RunRecord[] = [];
    for (let run = 0; run < runs; run++) {
      const record = await gateRun(condition.slowdown, 1000 * run + 17);
      const ci =
        record.low === undefined ? '' : ` [${record.low.toFixed(3)}, ${record.high!.toFixed(3)}]`;
      console.log(
        `${condition.id.padEnd(8)} run ${String(run + 1).padStart(2)}: ${record.status.padEnd(10)} ratio ${record.ratio?.toFixed(3) ?? '-'}${ci} probe ±${((record.probeHalfWidth ?? 0) * 100).toFixed(1)}% ${record.seconds.toFixed(1)} s`,
      );
      records.push(record);
    }
    return records;
  } finally {
    child?.kill();
  }
}

function summary(condition: Condition, records: readonly RunRecord[]): string {
  const count = (status: string): number => records.filter((r) => r.status === status).length;
  const seconds = records.map((r) => r.seconds.toFixed(1)).join(', ');
  const label = condition.slowdown === 0 ? 'false alarms' : 'detected';
  return `| ${condition.id} | ${condition.want} | ${count('regression')}/${records.length} ${label} | ${count('too-noisy')} | ${seconds} |`;
}

const results: Record<string, RunRecord[]> = {};
console.log(
  `Node ${process.version}; ${runs} runs per condition; ${rounds} rounds × ${timeMs} ms per side; spin ${iterations} iterations; ${statistic} call per round`,
);
for (const condition of conditions) results[condition.id] = await runCondition(condition);
console.log('\n| condition | wanted | measured | too noisy (warned, exit 0) | each run (s) |');
console.log('| --- | --- | --- | --- | --- |');
for (const condition of conditions) console.log(summary(condition, results[condition.id]!));
const outDir = new URL('../results/', import.meta.url).pathname;
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, `${values.out}.json`),
  JSON.stringify({ runs, rounds, timeMs, iterations, statistic, results }, null, 2),
);
