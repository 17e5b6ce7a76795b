// Event-loop delay (perf_hooks monitorEventLoopDelay, 1 ms resolution) on the main thread while
// @hotpath/tokens counts one 4 MB text and 50 × 64 KB texts, inline and through warm workers.
// Not a throughput ratio, so it is a script rather than a scenario:
//   cd benchmarks && ../node_modules/.bin/node --conditions=@hotpath/source src/tokens-responsiveness.ts
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep, setImmediate as tick } from 'node:timers/promises';
import { mixedCorpus } from '@hotpath/testing';
import { createTokenizer, createTokenWorkers } from '@hotpath/tokens';

const big = mixedCorpus(4 * 1_048_576, 1);
const smalls = Array.from({ length: 50 }, (_, i) => mixedCorpus(65_536, i + 2));
const inline = createTokenizer({ encoding: 'o200k_base' });
const workers = createTokenWorkers({ encoding: 'o200k_base', threads: 2, idleTimeoutMs: Infinity });

async function measure(label: string, work: () => Promise<unknown>): Promise<string> {
  await tick();
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  // The monitor records from its second tick on: let it tick before the work starts.
  await sleep(5);
  const start = performance.now();
  await work();
  const wall = performance.now() - start;
  // Let the monitor's timer fire once more, so a loop blocked until now records that delay.
  await sleep(20);
  histogram.disable();
  const ms = (ns: number): string => (ns / 1e6).toFixed(1);
  return `| ${label} | ${ms(histogram.percentile(99))} | ${ms(histogram.max)} | ${wall.toFixed(0)} |`;
}

// Warm both paths: rank tables, chunk memos, JIT.
inline.count(big);
await workers.warm();
await workers.count(big);

const rows = [
  await measure('idle for 1 s (the machine scheduling noise floor)', () => sleep(1_000)),
  await measure('1 × 4 MB, inline', async () => inline.count(big)),
  await measure('1 × 4 MB, workers', () => workers.count(big)),
  await measure('50 × 64 KB, inline (one per macrotask)', async () => {
    for (const text of smalls) {
      inline.count(text);
      await tick();
    }
  }),
  await measure('50 × 64 KB, workers (concurrent)', () =>
    Promise.all(smalls.map((t) => workers.count(t))),
  ),
];
await workers.close();
console.log('| case | event-loop delay p99 (ms) | max (ms) | wall time (ms) |');
console.log('| --- | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
