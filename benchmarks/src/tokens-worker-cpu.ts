// CPU-time evidence for the worker-throughput target, which wall-clock ratios cannot show on a
// shared machine: when other processes hold a core, two worker threads get no second core.
// For 1 MB and 4 MB texts of fresh text (a new one for every round, fixtures/fresh-text.ts) it reports, per MB counted and as medians of paired rounds:
// the process's CPU inline (calling thread + V8's helper threads), the process's CPU through
// the warm pool (workers + calling thread), the calling thread's part of that, and the ratio
// the pool reaches when each thread has a core to itself:
// inline CPU / ((pool CPU - calling-thread CPU) / threads + calling-thread CPU). Next to
// it, the wall-clock ratio and what this machine gave two threads at the same moment: a pure
// integer loop run on two raw worker threads at once vs one after the other (2.00 = two free
// cores). Run on a quiet machine, the wall ratio should approach the CPU-projected one.
//   cd benchmarks && ../node_modules/.bin/node --conditions=@hotpath/source src/tokens-worker-cpu.ts
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { createTokenizer, createTokenWorkers } from '@hotpath/tokens';
import { FreshText } from './fixtures/fresh-text.ts';
import { runSeed } from './fixtures/text-feed.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 9);
const THREADS = 2;
const SPIN = `
  const { parentPort } = require('node:worker_threads');
  parentPort.on('message', (n) => {
    let x = 0;
    for (let i = 0; i < n; i++) x = (x + Math.imul(i, 2654435761)) | 0;
    parentPort.postMessage(x);
  });`;

const ms = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;
const median = (values: number[]): number => values.sort((a, b) => a - b)[values.length >> 1]!;

interface Sample {
  inlineCpu: number;
  poolCpu: number;
  mainCpu: number;
  wallRatio: number;
}

async function measure(fn: () => unknown): Promise<{ wall: number; cpu: number; main: number }> {
  const process0 = process.cpuUsage();
  const thread0 = process.threadCpuUsage();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  return { wall, cpu: ms(process.cpuUsage(process0)), main: ms(process.threadCpuUsage(thread0)) };
}

async function spin(workers: Worker[], n: number): Promise<void> {
  await Promise.all(
    workers.map((worker) => {
      const done = new Promise((resolve) => worker.once('message', resolve));
      worker.postMessage(n);
      return done;
    }),
  );
}

/** How much faster two threads finish two equal loops together than one after the other. */
async function parallelSpeedup(spinners: Worker[]): Promise<number> {
  const n = 30_000_000;
  const serial = await measure(async () => {
    for (const worker of spinners) await spin([worker], n);
  });
  const parallel = await measure(() => spin(spinners, n));
  return serial.wall / parallel.wall;
}

async function round(text: string) {
  const inline = await measure(() => tokenizer.count(text));
  const pool = await measure(() => workers.count(text));
  const mb = text.length / 1_048_576;
  return {
    inlineCpu: inline.cpu / mb,
    poolCpu: pool.cpu / mb,
    mainCpu: pool.main / mb,
    wallRatio: inline.wall / pool.wall,
  } satisfies Sample;
}

const fresh = new FreshText(runSeed('tokens-worker-cpu'));
const tokenizer = createTokenizer({ encoding: 'o200k_base' });
const workers = createTokenWorkers({
  encoding: 'o200k_base',
  threads: THREADS,
  idleTimeoutMs: Infinity,
});
const spinners = Array.from({ length: THREADS }, () => new Worker(SPIN, { eval: true }));
await workers.warm();
const loadavg = (): string =>
  readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(
  '| size | load avg | inline CPU ms/MB | pool CPU ms/MB (all threads) | calling thread ms/MB | CPU-projected ratio | wall ratio | 2-thread speedup available |',
);
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const size of [1_048_576, 4_194_304]) {
  for (let i = 0; i < 3; i++) await round(fresh.text(size));
  const samples: Sample[] = [];
  const speedups: number[] = [];
  const load = loadavg();
  for (let i = 0; i < ROUNDS; i++) {
    samples.push(await round(fresh.text(size)));
    speedups.push(await parallelSpeedup(spinners));
  }
  const pick = (key: keyof Sample): number => median(samples.map((sample) => sample[key]));
  const main = pick('mainCpu');
  const projected = pick('inlineCpu') / ((pick('poolCpu') - main) / THREADS + main);
  console.log(
    `| ${size / 1_048_576} MB | ${load} | ${pick('inlineCpu').toFixed(1)} | ${pick('poolCpu').toFixed(1)} | ${pick('mainCpu').toFixed(1)} | ${projected.toFixed(2)}× | ${pick('wallRatio').toFixed(2)}× | ${median(speedups).toFixed(2)}× |`,
  );
}
await workers.close();
await Promise.all(spinners.map((worker) => worker.terminate()));
