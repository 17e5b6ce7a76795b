// @hotpath/gateway against its physical floor. Client (this process), simulator, gateway and a
// minimal pass-through proxy (node:http + undici, see fixtures/floor-proxy-child.ts) each run in
// their own process, as users deploy them.
//
// 1. Added latency on cache misses: sequential calls straight to the simulator, through the
//    gateway and through the floor proxy, the sides taking turns every `--block` calls (the order
//    rotating). Every call is a new cacheable request (a fresh 128-bit id inside a realistic chat
//    payload), so every gateway call is a real miss (checked). Added = side − direct, at p50 and
//    p99; the ratio is the gateway's added latency over the proxy's. Each proxying process's whole
//    CPU per call (deferred work such as the gateway's L2 write included) is reported beside it.
// 2. CPU per cached hit: the gateway and a bare node:http process answering the same bytes, under
//    the same concurrency, taking turns in short slices; server-process CPU per request.
//
// `--base <worktree>` adds the gateway of another checkout (its benchmarks/src/fixtures/gateway-child.ts)
// as one more side of both, for before/after figures measured in one run. Each `--variant
// 'label={config json}'` adds a gateway with those config fields to both, to see where the
// time goes (for example `'memory L2={"cache":{"path":":memory:"}}'`).
//
//   node --conditions=@hotpath/source src/gateway-latency.ts [--requests 2000] [--block 16]
//     [--tokens 150] [--stream-rate 20000] [--hit-seconds 8] [--only misses|hits] [--base ../../main]
//     [--variant 'label={…}' …]

import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { type ChildServer, startChildServer } from './fixtures/child-server.ts';
import {
  startBareHttpProcess,
  startFloorProxyProcess,
  startGatewayProcess,
  startSimulatorProcess,
} from './fixtures/gateway-process.ts';
import { createMissPayloads, type FreshBody } from './fixtures/miss-payloads.ts';
import { percentile } from './fixtures/percentile.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    block: { type: 'string', default: '16' },
    tokens: { type: 'string', default: '150' },
    'stream-rate': { type: 'string', default: '20000' },
    'hit-seconds': { type: 'string', default: '8' },
    'hit-slice-ms': { type: 'string', default: '250' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string', default: '' },
    base: { type: 'string' },
    variant: { type: 'string', multiple: true, default: [] },
  },
});
const REQUESTS = Number(values.requests);
const BLOCK = Number(values.block);
const TOKENS = Number(values.tokens);
const SLICE_MS = Number(values['hit-slice-ms']);
const payloads = createMissPayloads(Number(values.seed));
const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-bench' };
const PATH = '/v1/chat/completions';
const FIRST_TOKEN = /"content":"[^"]/;

/** A server process under test and the label it is reported under. */
interface Side {
  readonly label: string;
  readonly url: string;
  /** True for a gateway: every answer must be a cache miss; its own work is recorded. */
  readonly gateway: boolean;
  /** The proxying side's own process, whose CPU per call is reported (not the simulator's). */
  readonly server?: ChildServer;
}

/** The gateway of the `--base` checkout, in front of `simUrl`, in its own process. */
function startBaseGateway(simUrl: string): Promise<ChildServer> | undefined {
  if (values.base === undefined) return undefined;
  const child = resolve(values.base, 'benchmarks/src/fixtures/gateway-child.ts');
  return startChildServer(pathToFileURL(child), [simUrl]);
}

/** The `--variant 'label={config json}'` gateways: label and config overrides. */
function variants(): Array<[label: string, config: object]> {
  return values.variant.map((variant) => {
    const at = variant.indexOf('=');
    return [variant.slice(0, at), JSON.parse(variant.slice(at + 1)) as object];
  });
}

/** Reads the body; resolves with ms to its end or, with `firstToken`, to the first content token. */
async function timeBody(body: AsyncIterable<Buffer>, started: number, firstToken: boolean) {
  let at = 0;
  let text = '';
  for await (const chunk of body) {
    if (firstToken && at === 0) {
      text += chunk.toString();
      if (FIRST_TOKEN.test(text)) at = performance.now() - started;
    }
  }
  return firstToken ? at : performance.now() - started;
}

interface Timed {
  readonly ms: number;
  /** The gateway's `x-hotpath-cache` and `x-hotpath-overhead-ms`, when it answered. */
  readonly cache: string | undefined;
  readonly overheadMs: number;
}

/** One call (see {@link timeBody}); fails on any status but 200. */
async function call(pool: Pool, body: string, firstToken: boolean): Promise<Timed> {
  const started = performance.now();
  const response = await pool.request({ path: PATH, method: 'POST', headers, body });
  if (response.statusCode !== 200)
    throw new Error(`status ${response.statusCode}: ${await response.body.text()}`);
  const ms = await timeBody(response.body, started, firstToken);
  const cache = response.headers['x-hotpath-cache'] as string | undefined;
  return { ms, cache, overheadMs: Number(response.headers['x-hotpath-overhead-ms'] ?? 0) };
}

/** Per side: latencies, and the gateway's own reported work. */
type Samples = Map<Side, { ms: number[]; overhead: number[]; cpuMicros: number }>;

/** The sides in block `b`'s order: rotated by one each block, reversed every other round. */
function order(sides: readonly Side[], b: number): Side[] {
  const n = sides.length;
  const rotated = sides.map((_, i) => sides[(i + b) % n]!);
  return Math.floor(b / n) % 2 === 0 ? rotated : rotated.reverse();
}

async function runBlock(pools: Map<Side, Pool>, sides: Side[], stream: boolean, out: Samples) {
  const bodies: FreshBody[] = Array.from({ length: BLOCK }, () => payloads.draw(stream));
  for (const side of sides) {
    const samples = out.get(side)!;
    for (const fresh of bodies) {
      const timed = await call(pools.get(side)!, fresh(), stream);
      samples.ms.push(timed.ms);
      if (!side.gateway) continue;
      if (timed.cache !== 'miss')
        throw new Error(`a call through ${side.label} was a ${timed.cache}, not a miss`);
      samples.overhead.push(timed.overheadMs);
    }
  }
}

/** Measures `REQUESTS` calls per side, the sides taking turns; after 10 warm-up blocks. */
async function measureMisses(sides: readonly Side[], stream: boolean): Promise<Samples> {
  const pools = new Map(sides.map((side) => [side, new Pool(side.url, { connections: 1 })]));
  const fresh = (): Samples =>
    new Map(sides.map((side) => [side, { ms: [], overhead: [], cpuMicros: 0 }]));
  try {
    const warm = fresh();
    for (let b = 0; b < 10; b++) await runBlock(pools, order(sides, b), stream, warm);
    const samples = fresh();
    // Whole-process CPU from after the warm-up to the end: work a side defers past its answer
    // (the gateway's L2 write) counts too; an idle process adds next to nothing.
    const cpuBefore = await Promise.all(sides.map((side) => side.server?.cpuMicros() ?? 0));
    const blocks = Math.ceil(REQUESTS / BLOCK);
    for (let b = 0; b < blocks; b++) await runBlock(pools, order(sides, b), stream, samples);
    const cpuAfter = await Promise.all(sides.map((side) => side.server?.cpuMicros() ?? 0));
    sides.forEach((side, i) => {
      samples.get(side)!.cpuMicros = cpuAfter[i]! - cpuBefore[i]!;
    });
    return samples;
  } finally {
    await Promise.all([...pools.values()].map((pool) => pool.close()));
  }
}

/** Starts the simulator, gateway(s) and proxy processes, measures the misses, stops them. */
async function misses(stream: boolean): Promise<Samples> {
  const rate = Number(values['stream-rate']);
  const sim = await startSimulatorProcess({
    responseTokens: TOKENS,
    ...(stream && Number.isFinite(rate) ? { tokensPerSecond: rate } : {}),
  });
  const servers: ChildServer[] = [];
  try {
    const sides: Side[] = [{ label: 'direct', url: sim.url, gateway: false }];
    const add = async (label: string, started: Promise<ChildServer>, gateway: boolean) => {
      servers.push(await started);
      sides.push({ label, url: servers.at(-1)!.url, gateway, server: servers.at(-1)! });
    };
    await add('gateway', startGatewayProcess(sim.url), true);
    await add('floor proxy', startFloorProxyProcess(sim.url), false);
    for (const [label, config] of variants())
      await add(`gateway, ${label}`, startGatewayProcess(sim.url, { config }), true);
    const base = startBaseGateway(sim.url);
    if (base !== undefined) await add('base gateway', base, true);
    return await measureMisses(sides, stream);
  } finally {
    for (const server of servers) await server.close();
    await sim.close();
  }
}

const fmt = (ms: number) => ms.toFixed(3);

/** Rows of one scenario: each proxying side's added p50 and p99, and its ratio to the floor. */
function missRows(label: string, samples: Samples): string[] {
  const sorted = [...samples].map(([side, s]) => {
    s.ms.sort((a, b) => a - b);
    s.overhead.sort((a, b) => a - b);
    return [side, s] as const;
  });
  const [, direct] = sorted[0]!;
  const floor = sorted.find(([side]) => side.label === 'floor proxy')![1];
  const added = (ms: number[], p: number) => percentile(ms, p) - percentile(direct.ms, p);
  return sorted.slice(1).map(([side, s]) => {
    const cells = [50, 99].flatMap((p) => [
      fmt(added(s.ms, p)),
      `${(added(s.ms, p) / added(floor.ms, p)).toFixed(2)}×`,
    ]);
    const own = side.gateway ? [50, 99].map((p) => fmt(percentile(s.overhead, p))).join(' / ') : '';
    const directs = [50, 99].map((p) => fmt(percentile(direct.ms, p))).join(' / ');
    const cpu = (micros: number) => `${(micros / s.ms.length).toFixed(0)} µs`;
    const ratio = s.cpuMicros / s.ms.length / (floor.cpuMicros / floor.ms.length);
    const cells2 = `${cpu(s.cpuMicros)} (${ratio.toFixed(2)}×)`;
    return `| ${label} | ${side.label} | ${s.ms.length} | ${directs} | ${cells.join(' | ')} | ${own} | ${cells2} |`;
  });
}

/** Hits through `pool` for `ms`, `concurrency` at a time; the number of calls. */
async function hitSlice(pool: Pool, bodies: readonly string[], concurrency: number, ms: number) {
  let count = 0;
  let next = 0;
  const until = performance.now() + ms;
  const worker = async () => {
    while (performance.now() < until) {
      const body = bodies[next++ % bodies.length]!;
      const response = await pool.request({ path: PATH, method: 'POST', headers, body });
      await response.body.dump();
      if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
      count++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count;
}

/** A server taking part in the hit measurement, and its running totals. */
interface HitSide {
  readonly label: string;
  readonly server: ChildServer;
  calls: number;
  user: number;
  system: number;
  ms: number;
}

/** One slice on `side`: its server's CPU (user and system) and the calls counted. */
async function measureSlice(side: HitSide, pool: Pool, bodies: readonly string[], c: number) {
  const before = await side.server.cpuUsage();
  const started = performance.now();
  side.calls += await hitSlice(pool, bodies, c, SLICE_MS);
  side.ms += performance.now() - started;
  const after = await side.server.cpuUsage();
  side.user += after.user - before.user;
  side.system += after.system - before.system;
}

/** The servers taking turns in slices at `concurrency` (the order rotating); fills their totals. */
async function hitsAt(sides: readonly HitSide[], bodies: readonly string[], concurrency: number) {
  const pools = sides.map(({ server }) => new Pool(server.url, { connections: concurrency }));
  try {
    for (const pool of pools) await hitSlice(pool, bodies, concurrency, 500);
    const slices = Math.ceil((Number(values['hit-seconds']) * 1000) / SLICE_MS);
    for (let i = 0; i < slices; i++) {
      for (let k = 0; k < sides.length; k++) {
        const s = (i + k) % sides.length;
        await measureSlice(sides[s]!, pools[s]!, bodies, concurrency);
      }
    }
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
  }
}

/** Stores `bodies` in a gateway's cache; returns one hit's exact answer (body and headers). */
async function warmHits(gateway: ChildServer, bodies: readonly string[]) {
  const pool = new Pool(gateway.url, { connections: 1 });
  try {
    for (const body of bodies) await call(pool, body, false);
    const response = await pool.request({ path: PATH, method: 'POST', headers, body: bodies[0]! });
    const body = await response.body.text();
    if (response.headers['x-hotpath-cache'] !== 'hit')
      throw new Error('the warmed request was no hit');
    const names = ['content-type', 'x-hotpath-cache', 'x-hotpath-overhead-ms'];
    const answer = Object.fromEntries(names.map((name) => [name, String(response.headers[name])]));
    return { body, headers: { ...answer, 'content-length': String(Buffer.byteLength(body)) } };
  } finally {
    await pool.close();
  }
}

function hitRow(concurrency: number, side: HitSide, bare: HitSide): string {
  const per = (micros: number) => `${(micros / side.calls).toFixed(1)} µs`;
  const rate = Math.round((side.calls / side.ms) * 1000).toLocaleString('en-US');
  const ratio = (side.user + side.system) / side.calls / ((bare.user + bare.system) / bare.calls);
  const cpu = `${per(side.user + side.system)} (${per(side.user)} + ${per(side.system)})`;
  return `| ${concurrency} | ${side.label} | ${rate} | ${cpu} | ${ratio.toFixed(2)}× |`;
}

async function hits(): Promise<string[]> {
  const sim = await startSimulatorProcess({ responseTokens: TOKENS });
  const servers: ChildServer[] = [];
  const rows: string[] = [];
  try {
    const bodies = Array.from({ length: 256 }, () => payloads.draw(false)());
    const gateway = servers[servers.push(await startGatewayProcess(sim.url)) - 1]!;
    const answer = await warmHits(gateway, bodies);
    const labelled: Array<[string, ChildServer]> = [['gateway', gateway]];
    const base = startBaseGateway(sim.url);
    if (base !== undefined) {
      labelled.push(['base gateway', servers[servers.push(await base) - 1]!]);
      await warmHits(labelled.at(-1)![1], bodies);
    }
    for (const [label, config] of variants()) {
      labelled.push([
        `gateway, ${label}`,
        servers[servers.push(await startGatewayProcess(sim.url, { config })) - 1]!,
      ]);
      await warmHits(labelled.at(-1)![1], bodies);
    }
    labelled.push([
      'bare node:http',
      servers[servers.push(await startBareHttpProcess(answer)) - 1]!,
    ]);
    for (const c of [16, 64]) {
      const sides = labelled.map(([label, server]) => ({
        label,
        server,
        calls: 0,
        user: 0,
        system: 0,
        ms: 0,
      }));
      await hitsAt(sides, bodies, c);
      for (const side of sides) rows.push(hitRow(c, side, sides.at(-1)!));
    }
  } finally {
    for (const server of servers) await server.close();
    await sim.close();
  }
  return rows;
}

const loads = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`load average at start: ${loads()}`);
if (values.only !== 'hits') {
  const rows = [
    ...missRows('non-streaming', await misses(false)),
    ...missRows('streaming, time to first token', await misses(true)),
  ];
  console.log(
    `\nCache misses: ${REQUESTS} sequential calls per side, the sides taking turns every ${BLOCK}; ms; added = side − direct; × = added over the floor proxy's added\n`,
  );
  console.log(
    '| scenario | side | calls | direct p50 / p99 | added p50 | vs floor p50 | added p99 | vs floor p99 | own work p50 / p99 (x-hotpath-overhead-ms) | server CPU per call (× floor) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}
if (values.only !== 'misses') {
  const rows = await hits();
  console.log(
    `\nCached hits: the servers taking turns every ${SLICE_MS} ms, ${values['hit-seconds']} s each; server-process CPU per call (user + system); × = CPU over the bare server's\n`,
  );
  console.log('| concurrency | server | req/s | CPU per call | vs bare |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(row);
}
console.log(`\nload average at end: ${loads()}`);
