// Gateway soak: hundreds of thousands of mixed requests through `@hotpath/gateway` in its own
// process (cache hits, misses, uncacheable calls, streams, client aborts, bad requests) at
// concurrency 64 against the simulator, under `@hotpath/memory`'s leak detector sampling the
// gateway's heap inside the gateway process. Run it with
//   cd tools/integration && npx -y pnpm@10 run gateway-soak [-- --requests 200000]
// It prints requests/s, the answers by kind and status, the heap and the detector's verdict, and
// exits 1 on a leak, 2 when any answer was a 5xx or otherwise wrong.
import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { LeakReport } from '@hotpath/memory';
import { seededRandom } from '@hotpath/testing';
import { Pool } from 'undici';
import type { ChildReport, SoakPlan } from './gateway-soak-child.ts';
import { startSimulatorThread } from './simulator-thread.ts';

/** Options of {@link runGatewaySoak}. */
export interface GatewaySoakOptions {
  /** Requests in total, warm-up included (rounded up to whole batches). @default 200000 */
  readonly requests?: number;
  /** Requests in flight at once: one detector iteration is one batch of this many. @default 64 */
  readonly concurrency?: number;
  /** Measured rounds of the leak detector. @default 8 */
  readonly rounds?: number;
  /** Unmeasured rounds first, so the L1 fills and the JIT settles. @default 4 */
  readonly warmupRounds?: number;
  /** Retained bytes per request above which the detector calls it a leak. @default 3 */
  readonly leakBytesPerRequest?: number;
  /**
   * Entries the gateway's L1 holds: small enough that the warm-up rounds fill it, so a cache
   * still filling is not read as a leak. @default 2000
   */
  readonly l1Entries?: number;
  /** Keep every answered call in the gateway (to check the detector sees it). @default false */
  readonly injectLeak?: boolean;
  /** Seed of the request mix. @default 42 */
  readonly seed?: number;
}

/** The kinds of request in the mix, with their share. */
const MIX = [
  ['hit', 0.7],
  ['miss', 0.08],
  ['uncacheable', 0.04],
  ['stream', 0.1],
  ['stream-abort', 0.03],
  ['abort', 0.02],
  ['bad-request', 0.03],
] as const;
type Kind = (typeof MIX)[number][0];

/** What {@link runGatewaySoak} measured. */
export interface GatewaySoakReport {
  readonly requests: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  /** Answers by kind and status (`aborted` when the client left before one). */
  readonly answers: Readonly<Record<string, number>>;
  /** 5xx answers: none were injected, so every one is a failure. */
  readonly serverErrors: number;
  /** Answers of the wrong shape or status for their kind (a 400 to a valid call, a stream without `[DONE]` …). */
  readonly wrong: number;
  /** Chat requests the simulator received, and the streams it saw aborted. */
  readonly upstream: { readonly requests: number; readonly streamsAborted: number };
  readonly heapStart: number;
  readonly heapEnd: number;
  readonly leak: LeakReport;
}

const HOT_PROMPTS = 200;

interface Tally {
  readonly answers: Record<string, number>;
  serverErrors: number;
  wrong: number;
  distinct: number;
}

function pickKind(random: () => number): Kind {
  let at = random();
  for (const [kind, share] of MIX) {
    if (at < share) return kind;
    at -= share;
  }
  return 'hit';
}

function bodyOf(kind: Kind, random: () => number, tally: Tally): string {
  if (kind === 'bad-request')
    return random() < 0.5
      ? '{"model":"sim-small","messages":'
      : '{"model":"sim-small","messages":[],"temperature":9}';
  const prompt =
    kind === 'miss'
      ? `Distinct question ${tally.distinct++}`
      : `Hot question ${Math.floor(random() * HOT_PROMPTS)}`;
  const stream = kind === 'stream' || kind === 'stream-abort';
  return JSON.stringify({
    model: 'sim-small',
    temperature: kind === 'uncacheable' ? 0.7 : 0,
    messages: [{ role: 'user', content: prompt }],
    ...(stream ? { stream: true } : {}),
  });
}

function count(tally: Tally, key: string): void {
  tally.answers[key] = (tally.answers[key] ?? 0) + 1;
}

/** Whether an answered request got what its kind should get. */
function rightAnswer(kind: Kind, status: number, text: string): boolean {
  if (kind === 'bad-request') return status === 400 && text.includes('"error"');
  if (status !== 200) return false;
  if (kind === 'stream') return text.endsWith('data: [DONE]\n\n');
  return text.includes('"chat.completion"');
}

async function oneRequest(pool: Pool, kind: Kind, body: string, tally: Tally): Promise<void> {
  const controller = new AbortController();
  try {
    const response = await pool.request({
      path: '/v1/chat/completions',
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-soak' },
      body,
      signal: controller.signal,
    });
    if (kind === 'abort' || kind === 'stream-abort') {
      // The client leaves mid-answer: after the first bytes of a stream, at once otherwise.
      if (kind === 'stream-abort') for await (const _ of response.body) break;
      controller.abort();
      await response.body.dump().catch(() => undefined);
      count(tally, `${kind}:aborted`);
      return;
    }
    const text = await response.body.text();
    count(tally, `${kind}:${response.statusCode}`);
    if (response.statusCode >= 500) tally.serverErrors++;
    else if (!rightAnswer(kind, response.statusCode, text)) tally.wrong++;
  } catch (error) {
    if (controller.signal.aborted) count(tally, `${kind}:aborted`);
    else {
      count(tally, `${kind}:${(error as { code?: string }).code ?? 'error'}`);
      tally.wrong++;
    }
  }
}

function batchRunner(
  pool: Pool,
  concurrency: number,
  seed: number,
  tally: Tally,
): () => Promise<void> {
  const random = seededRandom(seed);
  return async () => {
    const calls: Promise<void>[] = [];
    for (let i = 0; i < concurrency; i++) {
      const kind = pickKind(random);
      // An abort right after sending: decided here so the mix stays seeded.
      calls.push(oneRequest(pool, kind, bodyOf(kind, random, tally), tally));
    }
    await Promise.all(calls);
  };
}

async function reply<T>(child: ChildProcess, field: string): Promise<T> {
  for (;;) {
    const [message] = (await Promise.race([
      once(child, 'message'),
      once(child, 'exit').then(([code]) => {
        throw new Error(`The gateway process exited (code ${String(code)}).`);
      }),
    ])) as [Record<string, unknown>];
    if (field in message) return message[field] as T;
  }
}

/** Serves the child's batch requests until it sends its report. */
function driveBatches(child: ChildProcess, runBatch: () => Promise<void>): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { batch?: number; report?: ChildReport }): void => {
      if (message.report !== undefined) {
        child.off('message', onMessage);
        resolve(message.report);
      } else if (message.batch !== undefined) {
        const index = message.batch;
        runBatch().then(() => child.send({ done: index }), reject);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) =>
      reject(new Error(`The gateway process exited (code ${String(code)}).`)),
    );
  });
}

function planOf(options: GatewaySoakOptions): SoakPlan & { concurrency: number; requests: number } {
  const concurrency = options.concurrency ?? 64;
  const rounds = options.rounds ?? 8;
  const warmupRounds = options.warmupRounds ?? 4;
  const iterations = Math.ceil(
    (options.requests ?? 200_000) / (concurrency * (rounds + warmupRounds)),
  );
  if (!(iterations >= 1))
    throw new RangeError('runGatewaySoak(options.requests): too few requests');
  const minBytesPerIteration = (options.leakBytesPerRequest ?? 3) * concurrency;
  const requests = iterations * concurrency * (rounds + warmupRounds);
  return { iterations, rounds, warmupRounds, minBytesPerIteration, concurrency, requests };
}

/**
 * Runs the gateway soak: the simulator on a thread of this process, the gateway in a child
 * process sampling its own heap for `detectLeak`, and this process sending the mix through a
 * keep-alive pool of `concurrency` connections.
 */
export async function runGatewaySoak(options: GatewaySoakOptions = {}): Promise<GatewaySoakReport> {
  const plan = planOf(options);
  await using sim = await startSimulatorThread({ responseTokens: 8, tokensPerSecond: 2_000 });
  const child = fork(
    new URL('./gateway-soak-child.ts', import.meta.url),
    [sim.url, String(options.l1Entries ?? 2_000), ...(options.injectLeak ? ['--leak'] : [])],
    {
      execArgv: ['--conditions=@hotpath/source'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const exited = once(child, 'exit');
  try {
    const url = await reply<string>(child, 'url');
    const pool = new Pool(url, { connections: plan.concurrency });
    const tally: Tally = { answers: {}, serverErrors: 0, wrong: 0, distinct: 0 };
    const started = performance.now();
    const reporting = driveBatches(
      child,
      batchRunner(pool, plan.concurrency, options.seed ?? 42, tally),
    );
    child.send({
      plan: {
        iterations: plan.iterations,
        rounds: plan.rounds,
        warmupRounds: plan.warmupRounds,
        minBytesPerIteration: plan.minBytesPerIteration,
      },
    });
    const report = await reporting;
    const seconds = (performance.now() - started) / 1000;
    await pool.close();
    const stats = await sim.stats();
    return {
      requests: plan.requests,
      concurrency: plan.concurrency,
      seconds,
      requestsPerSecond: plan.requests / seconds,
      answers: tally.answers,
      serverErrors: tally.serverErrors,
      wrong: tally.wrong,
      upstream: {
        requests: stats.routes['openai.chat'] ?? 0,
        streamsAborted: stats.streamsAborted,
      },
      heapStart: report.heapStart,
      heapEnd: report.heapEnd,
      leak: report.leak,
    };
  } finally {
    if (child.connected) child.send('close');
    await exited;
  }
}

const mib = (bytes: number): string => `${(bytes / 1_048_576).toFixed(2)} MiB`;

/** The report as printed lines. */
export function formatGatewaySoak(r: GatewaySoakReport): string {
  const { leak } = r;
  const perRequest = (leak.slope / r.concurrency).toFixed(2);
  const answers = Object.entries(r.answers)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return [
    `requests        ${r.requests} at concurrency ${r.concurrency} in ${r.seconds.toFixed(1)} s: ${Math.round(r.requestsPerSecond)} requests/s`,
    `answers         ${answers}`,
    `failures        ${r.serverErrors} 5xx (none injected), ${r.wrong} wrong answers`,
    `upstream        ${r.upstream.requests} chat requests to the simulator, ${r.upstream.streamsAborted} streams aborted there`,
    `gateway heap    object spaces (post-GC) ${mib(r.heapStart)} → ${mib(r.heapEnd)}`,
    `detector        ${leak.leak ? 'LEAK' : 'no leak'}: ${perRequest} B/request, grew in ${leak.growthSteps} of ${leak.steps} rounds (p = ${leak.pValue.toPrecision(2)}) (${leak.rounds} measured rounds of ${leak.iterations} batches)`,
  ].join('\n');
}

const FLAGS = {
  requests: 'requests',
  concurrency: 'concurrency',
  rounds: 'rounds',
  'warmup-rounds': 'warmupRounds',
  'leak-bytes-per-request': 'leakBytesPerRequest',
  'l1-entries': 'l1Entries',
  seed: 'seed',
} as const;

function optionsFromArgs(args: readonly string[]): GatewaySoakOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      ...Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: 'string' as const }])),
      'inject-leak': { type: 'boolean' },
    },
  });
  const options: Record<string, number | boolean> = {};
  for (const [flag, key] of Object.entries(FLAGS)) {
    const value = (values as Record<string, unknown>)[flag];
    if (typeof value === 'string') options[key] = Number(value);
  }
  if (values['inject-leak'] === true) options.injectLeak = true;
  return options;
}

if (import.meta.main) {
  const report = await runGatewaySoak(optionsFromArgs(process.argv.slice(2)));
  console.log(formatGatewaySoak(report));
  process.exitCode = report.leak.leak ? 1 : report.serverErrors > 0 || report.wrong > 0 ? 2 : 0;
}
