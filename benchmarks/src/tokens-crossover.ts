// Where does a worker round trip start to pay off? For each payload size, 16 concurrent calls
// are timed inline (run one after another on the main thread) and through a warm 2-thread
// pool with the inline fast path disabled; the ratio inline time / worker time > 1 means the
// workers win. Medians of REPS (default 7) paired repetitions. Writes the measurements to
// packages/tokens/docs/crossover.json, and the table and chart to crossover.{md,svg};
// `--render` redraws the table and chart from the saved JSON without measuring.
//   cd benchmarks && ../node_modules/.bin/node --conditions=@hotpath/source src/tokens-crossover.ts
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mixedCorpus } from '@hotpath/testing';
import { createTokenizer, createTokenWorkers, hash } from '@hotpath/tokens';
import { lineChart } from './svg-line-chart.ts';

const CALLS = 16;
const REPS = Number(process.env.REPS ?? 7);
const TOKEN_SIZES = [1_024, 4_096, 16_384, 65_536, 262_144, 1_048_576];
const HASH_SIZES = [4_096, 16_384, 65_536, 262_144, 1_048_576, 4_194_304];
function median(values: number[]): number {
  const sorted = values.sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

async function time(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function ratio(inlineRun: () => unknown, workerRun: () => unknown): Promise<number> {
  await inlineRun();
  await workerRun();
  const ratios: number[] = [];
  for (let i = 0; i < REPS; i++) ratios.push((await time(inlineRun)) / (await time(workerRun)));
  return median(ratios);
}

type Row = [size: number, kind: string, ratio: number];

async function measureAll(): Promise<Row[]> {
  const inline = createTokenizer({ encoding: 'o200k_base' });
  const workers = createTokenWorkers({
    encoding: 'o200k_base',
    threads: 2,
    idleTimeoutMs: Infinity,
    inlineThreshold: 0,
    hashInlineThreshold: 0,
  });

  await workers.warm();
  const rows: Row[] = [];
  for (const size of TOKEN_SIZES) {
    const texts = Array.from({ length: CALLS }, (_, i) => mixedCorpus(size, i + 1).slice(0, size));
    const r = await ratio(
      () => texts.map((t) => inline.count(t)),
      () => Promise.all(texts.map((t) => workers.count(t))),
    );
    rows.push([size, 'count', r]);
  }
  for (const algorithm of ['sha256', 'xxhash128'] as const) {
    for (const size of HASH_SIZES) {
      const data = Array.from({ length: CALLS }, (_, i) => new Uint8Array(size).fill(i));
      const r = await ratio(
        async () => {
          for (const d of data) await hash(d, algorithm);
        },
        () => Promise.all(data.map((d) => workers.hash(d, { algorithm }))),
      );
      rows.push([size, algorithm, r]);
    }
  }
  await workers.close();
  return rows;
}

const docs = new URL('../../packages/tokens/docs/', import.meta.url);
mkdirSync(docs, { recursive: true });
const saved = new URL('crossover.json', docs);
const rows: Row[] = process.argv.includes('--render')
  ? JSON.parse(readFileSync(saved, 'utf8'))
  : await measureAll();
writeFileSync(saved, `${JSON.stringify(rows)}\n`);
const kb = (n: number): string => (n >= 1_048_576 ? `${n / 1_048_576} MB` : `${n / 1024} KB`);
const table = [
  '| size | count | sha256 | xxhash128 |',
  '| ---: | ---: | ---: | ---: |',
  ...[...new Set(rows.map(([size]) => size))]
    .sort((a, b) => a - b)
    .map((size) => {
      const cell = (kind: string): string => {
        const row = rows.find(([s, k]) => s === size && k === kind);
        return row ? `${row[2].toFixed(2)}×` : '–';
      };
      return `| ${kb(size)} | ${cell('count')} | ${cell('sha256')} | ${cell('xxhash128')} |`;
    }),
].join('\n');
const series = (kind: string, name: string, color: string) => ({
  name,
  color,
  points: rows.filter(([, k]) => k === kind).map(([size, , r]) => [size, r] as const),
});
const svg = lineChart({
  title: `Worker pool vs inline: ${CALLS} concurrent calls, 2 threads (above 1 = workers faster)`,
  xLabel: 'payload size per call (characters for count, bytes for hashes)',
  yLabel: 'inline time / worker time',
  series: [
    series('count', 'count (o200k_base)', '#d62728'),
    series('sha256', 'sha256', '#1f77b4'),
    series('xxhash128', 'xxhash128', '#2ca02c'),
  ],
  reference: 1,
  formatX: kb,
});
writeFileSync(new URL('crossover.md', docs), `${table}\n`);
writeFileSync(new URL('crossover.svg', docs), svg);
console.log(table);
