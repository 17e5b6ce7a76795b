// Where a call's time goes, hop by hop, at concurrency 1, for the gateway and for the floor proxy
// (node:http + undici pass-through): each round sends one fresh cacheable request straight to the
// simulator, one through the gateway (a real miss) and one through the proxy, in rotating order,
// client, simulator, gateway and proxy each in their own process. For the gateway and the proxy it
// takes process.hrtime (one clock across processes) when the client sends, when the server starts
// on the request, when it finishes answering, and when the client has the whole answer; the
// gateway's own x-hotpath-overhead-ms and its upstream times to first byte come with it.
//
//   node --conditions=@hotpath/source src/gateway-hops.ts [--requests 5000] [--tokens 150]

import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import type { ChildServer } from './fixtures/child-server.ts';
import {
  startFloorProxyProcess,
  startGatewayProcess,
  startSimulatorProcess,
} from './fixtures/gateway-process.ts';
import { createMissPayloads, type FreshBody } from './fixtures/miss-payloads.ts';
import { percentile } from './fixtures/percentile.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '5000' },
    tokens: { type: 'string', default: '150' },
  },
});
const REQUESTS = Number(values.requests);
const WARM_UP = 500;
const payloads = createMissPayloads(11);
const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-bench' };

async function post(pool: Pool, body: string, id?: string) {
  const response = await pool.request({
    path: '/v1/chat/completions',
    method: 'POST',
    headers: id === undefined ? headers : { ...headers, 'x-bench-id': id },
    body,
  });
  await response.body.text();
  if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
  return response;
}

const ms = (ns: bigint): number => Number(ns) / 1e6;

function percentiles(list: number[]): string {
  const sorted = [...list].sort((a, b) => a - b);
  return [50, 90, 99, 99.9].map((p) => percentile(sorted, p).toFixed(3)).join(' | ');
}

/** A server whose hops are timed: the client's send and receive times per request id. */
interface Timed {
  readonly label: string;
  readonly server: ChildServer;
  readonly pool: Pool;
  readonly sent: Map<string, [sentAt: bigint, doneAt: bigint]>;
  readonly overheadMs: number[];
}

async function round(i: number, direct: Pool, sides: Timed[], directMs: number[]) {
  const fresh: FreshBody = payloads.draw(false);
  const order = i % 2 === 0 ? sides : [...sides].reverse();
  const t0 = process.hrtime.bigint();
  await post(direct, fresh());
  if (i >= WARM_UP) directMs.push(ms(process.hrtime.bigint() - t0));
  for (const side of order) {
    const id = String(i);
    const sentAt = process.hrtime.bigint();
    const response = await post(side.pool, fresh(), id);
    const doneAt = process.hrtime.bigint();
    if (i < WARM_UP) continue;
    side.sent.set(id, [sentAt, doneAt]);
    const overhead = response.headers['x-hotpath-overhead-ms'];
    if (overhead !== undefined) side.overheadMs.push(Number(overhead));
  }
}

/** The rows of one side: total, inbound hop, inside the server, outbound hop. */
async function hopRows(side: Timed): Promise<string[]> {
  const stamps = new Map(await side.server.ask<Array<[string, [string, string]]>>('timestamps'));
  const rows = {
    total: [] as number[],
    inbound: [] as number[],
    inside: [] as number[],
    out: [] as number[],
  };
  for (const [id, [sentAt, doneAt]] of side.sent) {
    const [started, finished] = stamps.get(id)!.map(BigInt) as [bigint, bigint];
    rows.total.push(ms(doneAt - sentAt));
    rows.inbound.push(ms(started - sentAt));
    rows.inside.push(ms(finished - started));
    rows.out.push(ms(doneAt - finished));
  }
  return [
    `| call through the ${side.label} | ${percentiles(rows.total)} |`,
    `| client → ${side.label} (until it starts on the request) | ${percentiles(rows.inbound)} |`,
    `| inside the ${side.label} (upstream call included), to its first write | ${percentiles(rows.inside)} |`,
    `| ${side.label} → client (from its first write to the client having the body) | ${percentiles(rows.out)} |`,
  ];
}

const sim = await startSimulatorProcess({ responseTokens: Number(values.tokens) });
const servers = {
  gateway: await startGatewayProcess(sim.url, { timestamps: true }),
  proxy: await startFloorProxyProcess(sim.url, { timestamps: true }),
};
const direct = new Pool(sim.url, { connections: 1 });
const sides: Timed[] = Object.entries(servers).map(([label, server]) => ({
  label: label === 'proxy' ? 'floor proxy' : label,
  server,
  pool: new Pool(server.url, { connections: 1 }),
  sent: new Map(),
  overheadMs: [],
}));
try {
  const directMs: number[] = [];
  for (let i = 0; i < WARM_UP + REQUESTS; i++) await round(i, direct, sides, directMs);
  const upstream = (await servers.gateway.ask<number[]>('upstreamTtfbMs')).slice(WARM_UP);
  console.log(`\n${REQUESTS} fresh requests each way at concurrency 1 (gateway: all misses), ms\n`);
  console.log('| measure | p50 | p90 | p99 | p99.9 |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(`| direct call to the simulator | ${percentiles(directMs)} |`);
  for (const side of sides) for (const row of await hopRows(side)) console.log(row);
  console.log(`| gateway's upstream call, to its first byte | ${percentiles(upstream)} |`);
  console.log(
    `| gateway's own work (x-hotpath-overhead-ms) | ${percentiles(sides[0]!.overheadMs)} |`,
  );
} finally {
  await Promise.all([direct.close(), ...sides.map((side) => side.pool.close())]);
  for (const server of Object.values(servers)) await server.close();
  await sim.close();
}
