// The seed's scenario: analyse 10 files with a model that takes 1.5 s per call.
//   sequential: one file after another, a new provider (so a new connection) per call, no cache
//   cold:       analyzeFiles() on a host with the cache plugin: parallel, pooled, deduplicated
//   cached:     the same analyzeFiles() again, every answer from the cache
// Targets: cold ≥ 9× faster than sequential, a fully cached rerun ≤ 5 ms in total (median of
// CACHED_RUNS reruns; the first rerun is printed too). Exits 1 when a target is missed.
//   cd benchmarks && npx -y pnpm@10 run analyze-files
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeFiles, createHost, type FilesAnalysis } from '@hotpath/host';
import { cachePlugin } from '@hotpath/plugin-cache';
import { createOpenAIProvider, openaiPlugin } from '@hotpath/plugin-openai';
import { type Simulator, startSimulator } from '@hotpath/simulator';

const CALL_MS = 1_500;
const CACHED_RUNS = Number(process.env.CACHED_RUNS ?? 21);
const MODEL = 'sim-small';
const PROMPT = 'Review this file: list its exports and any bug you see.';
const TARGET_SPEEDUP = 9;
const TARGET_CACHED_MS = 5;

const root = new URL('../../', import.meta.url).pathname;
// Ten real source files of this repository.
const FILES = [
  'packages/host/src/host.ts',
  'packages/host/src/registry.ts',
  'packages/host/src/run-tools.ts',
  'packages/host/src/analyze-files.ts',
  'packages/host/src/lifecycle.ts',
  'packages/host/src/plugin-order.ts',
  'packages/host/src/lazy-plugin.ts',
  'packages/host/src/middleware-chain.ts',
  'packages/host/src/terminals.ts',
  'packages/host/src/errors.ts',
].map((file) => join(root, file));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

function chatRequests(sim: Simulator): number {
  return sim.stats().routes['openai.chat'];
}

/** The seed's slow version: read, ask, next file; a fresh provider and connection each time. */
async function sequential(baseURL: string): Promise<number> {
  const started = performance.now();
  for (const path of FILES) {
    const text = await readFile(path, 'utf8');
    const provider = createOpenAIProvider({ baseURL, apiKey: 'sk-bench' });
    try {
      const content = `${PROMPT}\n\nFile: ${path}\n\n${text}`;
      await provider.complete({ model: MODEL, messages: [{ role: 'user', content }] });
    } finally {
      await provider.close();
    }
  }
  return performance.now() - started;
}

function checkAnswered(run: FilesAnalysis, label: string): void {
  if (run.failed > 0) {
    const error = run.files.find((file) => file.error !== undefined)?.error;
    throw new Error(`${label}: ${run.failed} files failed`, { cause: error });
  }
}

interface Figures {
  readonly sequentialMs: number;
  readonly coldMs: number;
  readonly bootMs: number;
  readonly cachedMs: readonly number[];
  readonly requests: { sequential: number; cold: number; cached: number };
}

async function optimised(baseURL: string, sim: Simulator, dir: string) {
  await using host = createHost({
    plugins: [
      openaiPlugin({ baseURL, apiKey: 'sk-bench' }),
      cachePlugin({ sqlitePath: join(dir, 'cache.sqlite') }),
    ],
  });
  const boot = await host.ready();
  const options = { model: MODEL, temperature: 0, concurrency: FILES.length };
  const before = chatRequests(sim);
  const cold = await analyzeFiles(host, FILES, PROMPT, options);
  checkAnswered(cold, 'cold run');
  const afterCold = chatRequests(sim);
  const cachedMs: number[] = [];
  for (let i = 0; i < CACHED_RUNS; i++) {
    const started = performance.now();
    const cached = await analyzeFiles(host, FILES, PROMPT, options);
    cachedMs.push(performance.now() - started);
    checkAnswered(cached, 'cached run');
  }
  return {
    coldMs: cold.ms,
    bootMs: boot.totalMs,
    cachedMs,
    cold: afterCold - before,
    cached: chatRequests(sim) - afterCold,
  };
}

async function measure(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'hotpath-analyze-files-'));
  // Non-streaming answers arrive after the whole generation: 1.5 s per call.
  await using sim = await startSimulator({ port: 0, ttftMs: CALL_MS, responseTokens: 64 });
  const baseURL = `${sim.url}/v1`;
  try {
    const sequentialMs = await sequential(baseURL);
    const sequentialRequests = chatRequests(sim);
    const run = await optimised(baseURL, sim, dir);
    return {
      sequentialMs,
      coldMs: run.coldMs,
      bootMs: run.bootMs,
      cachedMs: run.cachedMs,
      requests: { sequential: sequentialRequests, cold: run.cold, cached: run.cached },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(f: Figures): boolean {
  const cachedMedian = median(f.cachedMs);
  const speedup = f.sequentialMs / f.coldMs;
  const bytes = FILES.reduce((sum, path) => sum + readFileSync(path).length, 0);
  const ms = (value: number) => value.toFixed(value < 10 ? 2 : 0);
  const rows = [
    ['sequential, uncached, new connection per call', ms(f.sequentialMs), f.requests.sequential],
    ['analyzeFiles cold (parallel, pooled, cache plugin)', ms(f.coldMs), f.requests.cold],
    [
      `analyzeFiles cached rerun (median of ${f.cachedMs.length})`,
      ms(cachedMedian),
      f.requests.cached,
    ],
    ['analyzeFiles cached rerun (first)', ms(f.cachedMs[0]!), '—'],
  ];
  console.log(
    `\nAnalyse ${FILES.length} files (${(bytes / 1024).toFixed(1)} KiB), simulator at ${CALL_MS} ms per call; host boot ${ms(f.bootMs)} ms (not in the cold time)\n`,
  );
  console.log('| run | total ms | upstream requests |\n| --- | ---: | ---: |');
  for (const [name, total, requests] of rows) console.log(`| ${name} | ${total} | ${requests} |`);
  const speedOk = speedup >= TARGET_SPEEDUP;
  const cachedOk = cachedMedian <= TARGET_CACHED_MS;
  console.log(
    `\ncold vs sequential: ${speedup.toFixed(2)}× (target ≥ ${TARGET_SPEEDUP}×) ${speedOk ? 'met' : 'MISSED'}`,
  );
  console.log(
    `cached rerun: ${ms(cachedMedian)} ms (target ≤ ${TARGET_CACHED_MS} ms) ${cachedOk ? 'met' : 'MISSED'}; sequential vs cached: ${(f.sequentialMs / cachedMedian).toFixed(0)}×`,
  );
  return speedOk && cachedOk;
}

process.exitCode = report(await measure()) ? 0 : 1;
