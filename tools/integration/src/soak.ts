// Soak run: many requests through the full host with the cache plugin, under the leak detector
// of @hotpath/memory. A realistic mix: mostly repeated prompts (cache hits), a share of distinct
// prompts (misses answered by the simulator over HTTP) and some streams. Run it with
//   cd tools/integration && npx -y pnpm@10 run soak [-- --requests 100000]
// It prints requests/s, the hit rate, heap at start and end, the detector's verdict, and exits
// 1 on a leak (2 when a request failed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { createHost, type Host } from '@hotpath/host';
import { detectLeak, evaluateLeak, type LeakReport, type LeakVerdict } from '@hotpath/memory';
import { cachePlugin } from '@hotpath/plugin-cache';
import { openaiPlugin } from '@hotpath/plugin-openai';
import { type CompletionRequest, createSeededRandom, type Plugin } from '@hotpath/protocol';
import { startSimulatorThread } from './simulator-thread.ts';

/** Options of {@link runSoak}. */
export interface SoakOptions {
  /** Requests in total, warm-up included (rounded up to whole detector iterations). @default 100000 */
  readonly requests?: number;
  /** Requests sent concurrently per detector iteration. @default 10 */
  readonly concurrency?: number;
  /** Measured rounds of the leak detector. @default 8 */
  readonly rounds?: number;
  /**
   * Unmeasured rounds first, so the L1 fills and lazily grown buffers (connection pools, JIT
   * code, SQLite statements) settle before the detector measures. @default 4
   */
  readonly warmupRounds?: number;
  /** Distinct repeated prompts (the hot set). @default 200 */
  readonly hotPrompts?: number;
  /** Entries the cache's L1 holds; the SQLite L2 keeps the rest. @default 2000 */
  readonly l1Entries?: number;
  /** Share of requests with a prompt never seen before. @default 0.1 */
  readonly distinctShare?: number;
  /** Share of requests that are streams. @default 0.05 */
  readonly streamShare?: number;
  /**
   * Growth per request above which a measured round counts as growing, in bytes. A 20,000-request
   * run of the full host moves the object spaces by up to ±50 B/request from one round to the next
   * with nothing leaking (GC timing, SQLite and socket buffers), so at the detector's own default
   * (32 B per iteration, 3.2 B/request here) 6 of 8 noise rounds "grow" and a seventh is a false
   * alarm now and then; 32 B/request keeps every noise round out and still catches a plugin that
   * keeps each request (about 350 B/request). @default 32
   */
  readonly leakBytesPerRequest?: number;
  /**
   * More plugins, set up before the cache plugin so their normal-order middleware sees every
   * call (for example one that leaks, to check the detector sees it). @default []
   */
  readonly plugins?: readonly Plugin[];
}

/** What {@link runSoak} measured. */
export interface SoakReport {
  readonly requests: number;
  /** Requests per detector iteration. */
  readonly concurrency: number;
  /** Unmeasured rounds before the detector's `rounds`. */
  readonly warmupRounds: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  /** Calls by the cache status the cache plugin reported (`none` when it did not set one). */
  readonly statuses: Readonly<Record<string, number>>;
  /** Share of calls answered from the cache (hit or shared). */
  readonly hitRate: number;
  readonly streams: number;
  /** Entries in the cache's L1 at the end (bounded by `l1Entries`). */
  readonly l1Entries: number;
  /** Chat requests the simulator received. */
  readonly upstreamRequests: number;
  readonly failures: number;
  /** Heap used after GC (every space), before the first measured round and after the last. */
  readonly heapStart: number;
  readonly heapEnd: number;
  /** The detector's verdict on the heap's object spaces: the pass/fail of the soak. */
  readonly leak: LeakReport;
  /** The same rule applied to the whole heap, compiled code and bytecode included (for information). */
  readonly wholeHeap: LeakVerdict;
}

// V8 keeps compiled code and bytecode here. They grow while the JIT settles on the mix (slowly,
// tens of KiB per 10,000 requests, and level off in longer runs); application objects, where a
// leak would live, are in the other spaces.
const CODE_SPACES: ReadonlySet<string> = new Set([
  'code_space',
  'code_large_object_space',
  'trusted_space',
  'trusted_large_object_space',
  'shared_trusted_space',
  'shared_trusted_large_object_space',
]);

/** A detector sampler reading the object spaces, that also keeps whole-heap readings in `whole`. */
function heapSampler(whole: number[]): () => number {
  return () => {
    let all = 0;
    let objects = 0;
    for (const space of v8.getHeapSpaceStatistics()) {
      all += space.space_used_size;
      if (!CODE_SPACES.has(space.space_name)) objects += space.space_used_size;
    }
    whole.push(all);
    return objects;
  };
}

/** The detector's rule applied to the whole-heap readings of its measured rounds. */
function wholeHeapVerdict(whole: readonly number[], leak: LeakReport): LeakVerdict {
  const measured = whole.slice(-(leak.rounds + 1));
  const xs = measured.map((_, i) => i * leak.iterations);
  return evaluateLeak(xs, measured, leak.rule);
}

interface Settings extends Required<SoakOptions> {
  readonly iterations: number;
}

function settingsOf(options: SoakOptions): Settings {
  const s = {
    requests: 100_000,
    concurrency: 10,
    rounds: 8,
    warmupRounds: 4,
    hotPrompts: 200,
    l1Entries: 2_000,
    distinctShare: 0.1,
    streamShare: 0.05,
    leakBytesPerRequest: 32,
    plugins: [],
    ...options,
  };
  const iterations = Math.ceil(s.requests / (s.concurrency * (s.rounds + s.warmupRounds)));
  if (!(iterations >= 1)) throw new RangeError('runSoak(options.requests): too few requests');
  return { ...s, iterations, requests: iterations * s.concurrency * (s.rounds + s.warmupRounds) };
}

/** Counts the cache status of every call, outermost, without allocating per call. */
function statusCounter(statuses: Record<string, number>): Plugin {
  const count = (status: unknown): void => {
    const key = typeof status === 'string' ? status : 'none';
    statuses[key] = (statuses[key] ?? 0) + 1;
  };
  return {
    name: 'soak-status',
    setup(context) {
      const pre = { order: 'pre' } as const;
      context.wrap(
        'complete',
        (next) => async (request, ctx) => {
          const result = await next(request, ctx);
          count(ctx.locals.cache);
          return result;
        },
        pre,
      );
      context.wrap(
        'stream',
        (next) =>
          async function* (request, ctx) {
            yield* next(request, ctx);
            count(ctx.locals.cache);
          },
        pre,
      );
    },
  };
}

function request(content: string): CompletionRequest {
  return { model: 'sim-small', temperature: 0, messages: [{ role: 'user', content }] };
}

interface Tally {
  streams: number;
  failures: number;
  distinct: number;
}

async function streamOnce(host: Host, req: CompletionRequest): Promise<void> {
  let text = 0;
  for await (const delta of host.stream(req)) if (delta.type === 'text') text++;
  if (text === 0) throw new Error('a stream ended without text');
}

async function completeOnce(host: Host, req: CompletionRequest): Promise<void> {
  const answer = await host.complete(req);
  if (answer.message.content.length === 0) throw new Error('an empty answer');
}

/** One call of the mix: a repeated or distinct prompt, completed or streamed. */
function oneCall(host: Host, s: Settings, random: () => number, tally: Tally): Promise<void> {
  const distinct = random() < s.distinctShare;
  const stream = random() < s.streamShare;
  const prompt = distinct
    ? `Distinct question number ${tally.distinct++}: what changed?`
    : `Repeated question ${Math.floor(random() * s.hotPrompts)}: explain caching.`;
  if (stream) tally.streams++;
  const call = stream ? streamOnce(host, request(prompt)) : completeOnce(host, request(prompt));
  return call.catch(() => {
    tally.failures++;
  });
}

async function startHost(url: string, dir: string, statuses: Record<string, number>, s: Settings) {
  const host = createHost({
    plugins: [
      openaiPlugin({ baseURL: `${url}/v1`, apiKey: 'sk-soak' }),
      statusCounter(statuses),
      ...s.plugins,
      cachePlugin({ cache: { max: s.l1Entries }, sqlitePath: join(dir, 'cache.sqlite') }),
    ],
  });
  await host.ready();
  return host;
}

/**
 * Sends `requests` calls through a host with the OpenAI provider and cache plugins, against the
 * simulator on its own thread, as `detectLeak` rounds (`warmupRounds`, then `rounds` measured).
 */
export async function runSoak(options: SoakOptions = {}): Promise<SoakReport> {
  const s = settingsOf(options);
  const dir = mkdtempSync(join(tmpdir(), 'hotpath-soak-'));
  await using sim = await startSimulatorThread({ responseTokens: 16 });
  const statuses: Record<string, number> = {};
  const tally: Tally = { streams: 0, failures: 0, distinct: 0 };
  // Seeded, so every run sends the same mix.
  const random = createSeededRandom(42);
  try {
    await using host = await startHost(sim.url, dir, statuses, s);
    const batch = (): Promise<unknown> =>
      Promise.all(Array.from({ length: s.concurrency }, () => oneCall(host, s, random, tally)));
    const whole: number[] = [];
    const started = performance.now();
    const leak = await detectLeak(batch, {
      iterations: s.iterations,
      rounds: s.rounds,
      warmupRounds: s.warmupRounds,
      minBytesPerIteration: s.leakBytesPerRequest * s.concurrency,
      sample: heapSampler(whole),
    });
    const seconds = (performance.now() - started) / 1000;
    const upstream = (await sim.stats()).routes['openai.chat'];
    const l1Entries = host.service('cache').cache.stats().entries;
    const counts = { upstream, l1Entries };
    return report(s, seconds, statuses, tally, counts, leak, wholeHeapVerdict(whole, leak));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(
  s: Settings,
  seconds: number,
  statuses: Record<string, number>,
  tally: Tally,
  counts: { readonly upstream: number; readonly l1Entries: number },
  leak: LeakReport,
  wholeHeap: LeakVerdict,
): SoakReport {
  const answered = (statuses.hit ?? 0) + (statuses.shared ?? 0);
  return {
    requests: s.requests,
    concurrency: s.concurrency,
    warmupRounds: s.warmupRounds,
    seconds,
    requestsPerSecond: s.requests / seconds,
    statuses: { ...statuses },
    hitRate: answered / s.requests,
    streams: tally.streams,
    l1Entries: counts.l1Entries,
    upstreamRequests: counts.upstream,
    failures: tally.failures,
    heapStart: wholeHeap.samples[0] ?? 0,
    heapEnd: wholeHeap.samples.at(-1) ?? 0,
    leak,
    wholeHeap,
  };
}

function verdict(v: LeakVerdict, perIteration: number): string {
  const perRequest = (v.slope / perIteration).toFixed(2);
  return `${v.leak ? 'LEAK' : 'no leak'}: ${perRequest} B/request, grew in ${v.growthSteps} of ${v.steps} rounds (p = ${v.pValue.toPrecision(2)})`;
}

const mib = (bytes: number): string => `${(bytes / 1_048_576).toFixed(2)} MiB`;

/** The report as printed lines. */
export function formatSoak(r: SoakReport): string {
  const { leak } = r;
  return [
    `requests        ${r.requests} (${r.streams} streams) in ${r.seconds.toFixed(1)} s: ${Math.round(r.requestsPerSecond)} requests/s`,
    `cache           hit rate ${(r.hitRate * 100).toFixed(1)} %; statuses ${JSON.stringify(r.statuses)}; ${r.l1Entries} L1 entries at the end`,
    `upstream        ${r.upstreamRequests} chat requests to the simulator; ${r.failures} failed calls`,
    `heap (post-GC)  start ${mib(r.heapStart)}, end ${mib(r.heapEnd)}, change ${mib(r.heapEnd - r.heapStart)}; object spaces ${mib(leak.samples[0] ?? 0)} → ${mib(leak.samples.at(-1) ?? 0)}`,
    `detector        ${verdict(leak, r.concurrency)} (object spaces: the verdict); ${leak.rounds} measured rounds after ${r.warmupRounds} warm-up, ${leak.iterations} iterations × ${r.concurrency} requests each`,
    `whole heap      ${verdict(r.wholeHeap, r.concurrency)} (compiled code and bytecode included, for information)`,
  ].join('\n');
}

const FLAGS = {
  requests: 'requests',
  concurrency: 'concurrency',
  rounds: 'rounds',
  'warmup-rounds': 'warmupRounds',
  'hot-prompts': 'hotPrompts',
  'l1-entries': 'l1Entries',
  'distinct-share': 'distinctShare',
  'stream-share': 'streamShare',
  'leak-bytes-per-request': 'leakBytesPerRequest',
} as const;

/** `--requests 100000 --distinct-share 0.1 …` as {@link SoakOptions}. */
function optionsFromArgs(args: readonly string[]): SoakOptions {
  const { values } = parseArgs({
    args: [...args],
    options: Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: 'string' }])),
  });
  const options: Record<string, number> = {};
  for (const [flag, key] of Object.entries(FLAGS)) {
    const value = values[flag];
    if (typeof value === 'string') options[key] = Number(value);
  }
  return options;
}

if (import.meta.main) {
  const report = await runSoak(optionsFromArgs(process.argv.slice(2)));
  console.log(formatSoak(report));
  process.exitCode = report.leak.leak ? 1 : report.failures > 0 ? 2 : 0;
}
