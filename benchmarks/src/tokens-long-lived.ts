// One long-lived tokenizer counting 100 MB of fresh text, 1 MB at a time (each MB generated
// before it is timed, from a seed fresh per run): does its speed hold, and does its memory stay
// within the bound the README states? tiktoken (WASM) counts the first and last five MB in the
// same moments, so a change in the machine's load shows in both.
//
//   node --conditions=@hotpath/source src/tokens-long-lived.ts [--mb 100] [--encoding o200k_base]
//
// Exits 1 when the median of the last five MB is more than 10% slower than that of the first
// five, when the tokenizer's footprint exceeds the bound, or when memory grows by more than
// 1 MB between the first and the last MB.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { median } from '@hotpath/bench';
import { createTokenizer, type EncodingName } from '@hotpath/tokens';
import { FreshText } from './fixtures/fresh-text.ts';
import { runSeed } from './fixtures/text-feed.ts';

// The README's bound for a tokenizer: the encoding's shared tables (o200k_base 6,855,152 bytes,
// cl100k_base 3,505,450), the class table (1,114,112) and at most 150,000 bytes of scratch.
const BOUND: Record<EncodingName, number> = {
  o200k_base: 6_855_152 + 1_114_112 + 150_000,
  cl100k_base: 3_505_450 + 1_114_112 + 150_000,
};
const MB = 1_048_576;
const EDGE = 5;

const { values } = parseArgs({
  options: { mb: { type: 'string', default: '100' }, encoding: { type: 'string' } },
});
const total = Number(values.mb);
const encodings = (
  values.encoding ? [values.encoding] : ['o200k_base', 'cl100k_base']
) as EncodingName[];

function memory(): number {
  globalThis.gc?.();
  // The tables are typed arrays over SharedArrayBuffers: `arrayBuffers` counts those (and
  // tiktoken's WebAssembly memory), `external` does not count shared ones.
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

interface Sample {
  readonly mb: number;
  readonly tokensPerSecond: number;
  readonly tiktokenRatio: number | undefined;
}

function countOneMb(
  count: (text: string) => number,
  reference: (text: string) => number,
  text: string,
  edge: boolean,
): [number, number | undefined] {
  let started = performance.now();
  const tokens = count(text);
  const ours = performance.now() - started;
  if (!edge) return [tokens / (ours / 1000), undefined];
  started = performance.now();
  const expected = reference(text);
  const theirs = performance.now() - started;
  if (expected !== tokens) throw new Error(`hotpath counted ${tokens}, tiktoken ${expected}`);
  return [tokens / (ours / 1000), theirs / ours];
}

async function run(encoding: EncodingName): Promise<boolean> {
  // The footprint first, while this process holds nothing else (tiktoken loads afterwards).
  const empty = memory();
  const tokenizer = createTokenizer({ encoding });
  tokenizer.count('warm');
  const footprint = memory() - empty;
  const { get_encoding } = await import('tiktoken');
  const generator = new FreshText(runSeed(`tokens-long-lived ${encoding}`));
  const reference = get_encoding(encoding);
  const count = (text: string): number => reference.encode_ordinary(text).length;
  // tiktoken's WebAssembly memory grows to fit the largest text and never shrinks: let it grow
  // to fit texts half again as long as any it will count here, before measuring starts.
  for (let i = 0; i < 4; i++) count(generator.text(1.5 * MB));
  const samples: Sample[] = [];
  const step = (mb: number): void => {
    const edge = mb <= EDGE || mb > total - EDGE;
    const [speed, ratio] = countOneMb((t) => tokenizer.count(t), count, generator.text(MB), edge);
    samples.push({ mb, tokensPerSecond: speed, tiktokenRatio: ratio });
  };
  step(1);
  const afterFirst = memory();
  for (let mb = 2; mb <= total; mb++) step(mb);
  const growth = memory() - afterFirst;
  reference.free();
  return report(encoding, samples, footprint, growth);
}

function report(
  encoding: EncodingName,
  samples: readonly Sample[],
  footprint: number,
  growth: number,
): boolean {
  const first = samples.slice(0, EDGE);
  const last = samples.slice(-EDGE);
  const speed = (s: readonly Sample[]): number => median(s.map((x) => x.tokensPerSecond));
  const ratio = (s: readonly Sample[]): number => median(s.map((x) => x.tiktokenRatio!));
  const m = (n: number): string => `${(n / 1e6).toFixed(2)} M tok/s`;
  const held = speed(last) / speed(first);
  console.log(`\n${encoding}: ${samples.length} MB through one tokenizer`);
  console.log(
    `  MB 1:   ${m(samples[0]!.tokensPerSecond)}   MB ${samples.length}: ${m(samples.at(-1)!.tokensPerSecond)}   (${(samples.at(-1)!.tokensPerSecond / samples[0]!.tokensPerSecond).toFixed(3)}×)`,
  );
  console.log(
    `  median of MB 1–${EDGE}: ${m(speed(first))} (${ratio(first).toFixed(2)}× tiktoken)   of the last ${EDGE}: ${m(speed(last))} (${ratio(last).toFixed(2)}× tiktoken)   last / first: ${held.toFixed(3)}×`,
  );
  const n = (bytes: number): string => bytes.toLocaleString('en-US');
  // Growth allows 1 MB for V8's own heap noise (optimised code, feedback); a cache that kept
  // anything per text would add tens of MB over 99 MB of fresh text.
  const bounded = footprint <= BOUND[encoding] && growth <= 1_048_576;
  console.log(
    `  memory: tokenizer footprint ${n(footprint)} bytes, growth from MB 1 to MB ${samples.length} ${n(growth)} bytes (bound ${n(BOUND[encoding])})`,
  );
  const ok = held >= 0.9 && bounded;
  console.log(
    `  ${ok ? 'ok' : 'FAILED'}: speed ${held >= 0.9 ? 'held' : 'fell'} (≥ 0.9× needed), memory ${bounded ? 'within' : 'over'} the bound`,
  );
  return ok;
}

// Each encoding in a process of its own, so neither sees the other's tables or garbage.
function inChild(encoding: EncodingName): boolean {
  const args = [...process.execArgv, '--expose-gc', process.argv[1]!, '--mb', String(total)];
  const child = spawnSync(process.execPath, [...args, '--encoding', encoding], {
    stdio: 'inherit',
  });
  return child.status === 0;
}

if (encodings.length > 1) {
  process.exitCode = encodings.map(inChild).every(Boolean) ? 0 : 1;
} else {
  if (!globalThis.gc) throw new Error('run with --expose-gc: memory is measured after a full GC');
  process.exitCode = (await run(encodings[0]!)) ? 0 : 1;
}
