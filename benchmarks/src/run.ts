// Runs every scenario in src/scenarios (or those whose file name contains an argument)
// and prints hotpath's throughput ratio to each peer. `--smoke` runs each briefly, for CI.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runScenario, type Scenario, type ScenarioResult } from './harness.ts';
import { formatScenario } from './report.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    smoke: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    time: { type: 'string' },
  },
});
const rounds = Number(values.rounds ?? (values.smoke ? 2 : 10));
const timeMs = Number(values.time ?? (values.smoke ? 30 : 250));
const dir = new URL('./scenarios/', import.meta.url).pathname;
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => positionals.length === 0 || positionals.some((word) => file.includes(word)))
  .sort();

const results: ScenarioResult[] = [];
console.log(`Node ${process.version}, ${rounds} interleaved rounds × ${timeMs} ms per task`);
for (const file of files) {
  const module = (await import(join(dir, file))) as { default: Scenario | Scenario[] };
  for (const scenario of [module.default].flat()) {
    const result = await runScenario(scenario, { rounds, timeMs });
    console.log(formatScenario(result));
    results.push(result);
  }
}
const outDir = new URL('../results/', import.meta.url).pathname;
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, values.smoke ? 'smoke.json' : 'latest.json'),
  JSON.stringify(results, null, 2),
);
