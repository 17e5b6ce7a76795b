// Where the gateway process spends its CPU: runs it with `--cpu-prof` (in its own process, in
// front of a simulator process) under cache misses (sequential, fresh requests) or cached hits
// (concurrency 16), then prints the functions with the most self and total time, and the files.
// `--server bare` profiles the floor of hits instead: a bare node:http process answering a gateway
// hit's bytes; `--server floor` the floor of misses: the minimal pass-through proxy
// (fixtures/floor-proxy-child.ts). `--config <json>` overrides fields of the gateway's config.
// Times are also given per call, in µs, to compare profiles of different runs.
//
// `--mode stream-misses` sends streaming misses (each read to its end).
//
//   node --conditions=@hotpath/source src/gateway-profile.ts [--mode hits|misses|stream-misses]
//     [--server gateway|bare|floor] [--config '{…}'] [--seconds 10] [--top 40]

import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import type { ChildServer } from './fixtures/child-server.ts';
import {
  startBareHttpProcess,
  startFloorProxyProcess,
  startGatewayProcess,
  startSimulatorProcess,
} from './fixtures/gateway-process.ts';
import { createMissPayloads } from './fixtures/miss-payloads.ts';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'hits' },
    server: { type: 'string', default: 'gateway' },
    config: { type: 'string', default: '{}' },
    seconds: { type: 'string', default: '10' },
    top: { type: 'string', default: '40' },
  },
});
const STREAM = values.mode === 'stream-misses';
const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-bench' };
const payloads = createMissPayloads(7);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function post(pool: Pool, body: string): Promise<void> {
  const response = await pool.request({
    path: '/v1/chat/completions',
    method: 'POST',
    headers,
    body,
  });
  await response.body.dump();
  if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
}

/** Calls for `ms`: fresh requests one at a time, or `bodies` (cached) 16 at a time. */
async function load(
  pool: Pool,
  ms: number,
  bodies: readonly string[] | undefined,
): Promise<number> {
  const until = performance.now() + ms;
  let calls = 0;
  const worker = async () => {
    for (; performance.now() < until; calls++)
      await post(pool, bodies ? bodies[calls % bodies.length]! : payloads.draw(STREAM)());
  };
  await Promise.all(Array.from({ length: bodies ? 16 : 1 }, worker));
  return calls;
}

function frameName(node: ProfileNode): [name: string, file: string] {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*\/(packages|plugins|node_modules)\//, '$1/') || '(native)';
  return [`${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`, file];
}

/** Each sampled stack, leaf first, by node id. */
function stacks(profile: Profile): Map<number, ProfileNode[]> {
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const result = new Map<number, ProfileNode[]>();
  for (const id of new Set(profile.samples)) {
    const stack: ProfileNode[] = [];
    for (let node = byId.get(id); node !== undefined; node = parent.get(node.id)) stack.push(node);
    result.set(id, stack);
  }
  return result;
}

/** Self time per function and per file, and total time per function on the stack, in ms. */
function summarise(profile: Profile): Record<'self' | 'files' | 'total', Map<string, number>> {
  const all = stacks(profile);
  const out = {
    self: new Map<string, number>(),
    files: new Map<string, number>(),
    total: new Map<string, number>(),
  };
  const add = (map: Map<string, number>, key: string, ms: number) =>
    map.set(key, (map.get(key) ?? 0) + ms);
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const stack = all.get(id)!;
    const [name, file] = frameName(stack[0]!);
    add(out.self, name, ms);
    add(out.files, file, ms);
    for (const frame of new Set(stack.map((node) => frameName(node)[0]))) add(out.total, frame, ms);
  });
  return out;
}

function print(
  title: string,
  entries: Map<string, number>,
  total: number,
  calls: number,
  top: number,
): void {
  console.log(`\n| ${title} | ms | % | µs per call |\n| --- | --- | --- | --- |`);
  for (const [name, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const per = ((ms * 1000) / calls).toFixed(1);
    console.log(`| ${name} | ${ms.toFixed(1)} | ${((100 * ms) / total).toFixed(1)} | ${per} |`);
  }
}

/** A hit's exact answer from `gateway` (cached by then), for the bare server to send. */
async function hitAnswer(gateway: ChildServer, body: string) {
  const pool = new Pool(gateway.url, { connections: 1 });
  const response = await pool.request({
    path: '/v1/chat/completions',
    method: 'POST',
    headers,
    body,
  });
  const text = await response.body.text();
  await pool.close();
  const names = ['content-type', 'x-hotpath-cache', 'x-hotpath-overhead-ms'];
  const answer = Object.fromEntries(names.map((name) => [name, String(response.headers[name])]));
  return { body: text, headers: { ...answer, 'content-length': String(Buffer.byteLength(text)) } };
}

const dir = mkdtempSync(join(tmpdir(), 'hotpath-gateway-profile-'));
const profiling = ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100'];
const bare = values.server === 'bare';
const floor = values.server === 'floor';
if (floor && values.mode === 'hits') throw new Error('--server floor profiles misses only');
const sim = await startSimulatorProcess({ responseTokens: 150 });
const gateway = await startGatewayProcess(sim.url, {
  execArgv: bare || floor ? [] : profiling,
  config: JSON.parse(values.config) as object,
});
const bodies =
  values.mode === 'hits' ? Array.from({ length: 256 }, () => payloads.draw(false)()) : undefined;
const warm = new Pool(gateway.url, { connections: 1 });
for (const body of bodies ?? []) await post(warm, body);
await warm.close();
const server = bare
  ? await startBareHttpProcess(await hitAnswer(gateway, bodies![0]!), profiling)
  : floor
    ? await startFloorProxyProcess(sim.url, { execArgv: profiling })
    : gateway;
const pool = new Pool(server.url, { connections: 16 });
let calls = 0;
try {
  calls = await load(pool, Number(values.seconds) * 1000, bodies);
} finally {
  await pool.close();
  if (server !== gateway) await server.close();
  await gateway.close();
  await sim.close();
}
const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))!;
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
const { self, files, total: inclusive } = summarise(profile);
const total = [...files.values()].reduce((a, b) => a + b, 0);
console.log(
  `${values.mode}: ${calls} calls; profile ${join(dir, file)}; ${total.toFixed(0)} ms sampled`,
);
const top = Number(values.top);
print('function (self time)', self, total, calls, top);
print('function (total time, callees included)', inclusive, total, calls, top);
print('file (self time)', files, total, calls, 25);
