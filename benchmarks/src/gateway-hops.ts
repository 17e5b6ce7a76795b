// Where a gateway call's time goes, hop by hop, at concurrency 1: each round sends one request
// straight to the simulator and one through the gateway. For the gateway request it takes
// process.hrtime (one clock across processes) when the client sends, when the gateway starts on
// it, when the gateway finishes answering, and when the client has the whole answer; the gateway's
// own x-hotpath-overhead-ms and every upstream time to first byte come with it. Prints percentiles.
//
//   node --conditions=@hotpath/source src/gateway-hops.ts [--requests 5000]

import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { startGatewayProcess } from './fixtures/gateway-process.ts';
import { percentile } from './fixtures/percentile.ts';
import { startThreadedSimulator } from './fixtures/threaded-simulator.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '5000' } } });
const REQUESTS = Number(values.requests);
const WARM_UP = 500;

// temperature > 0: not cacheable, so every gateway call goes upstream.
const body = JSON.stringify({
  model: 'sim-small',
  messages: [{ role: 'user', content: 'measure me' }],
  temperature: 0.5,
});
const headers = { 'content-type': 'application/json' };

async function post(pool: Pool, extra: Record<string, string> = {}) {
  const response = await pool.request({
    path: '/v1/chat/completions',
    method: 'POST',
    headers: { ...headers, ...extra },
    body,
  });
  await response.body.text();
  if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
  return response;
}

const ms = (ns: bigint): number => Number(ns) / 1e6;

function percentiles(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return [50, 90, 99, 99.9].map((p) => percentile(sorted, p).toFixed(3)).join(' | ');
}

const sim = await startThreadedSimulator({});
const gateway = await startGatewayProcess(sim.url, { timestamps: true });
const direct = new Pool(sim.url, { connections: 1 });
const through = new Pool(gateway.url, { connections: 1 });
try {
  const directMs: number[] = [];
  const sent = new Map<string, [bigint, bigint, number]>();
  for (let i = 0; i < WARM_UP + REQUESTS; i++) {
    const t0 = process.hrtime.bigint();
    await post(direct);
    const t1 = process.hrtime.bigint();
    const response = await post(through, { 'x-bench-id': String(i) });
    const t2 = process.hrtime.bigint();
    if (i < WARM_UP) continue;
    directMs.push(ms(t1 - t0));
    sent.set(String(i), [t1, t2, Number(response.headers['x-hotpath-overhead-ms'])]);
  }
  const stamps = new Map(await gateway.ask<Array<[string, [string, string]]>>('timestamps'));
  const upstream = (await gateway.ask<number[]>('upstreamTtfbMs')).slice(WARM_UP);
  const rows = { total: [] as number[], inbound: [], inside: [], outbound: [], overhead: [] } as {
    [K in 'total' | 'inbound' | 'inside' | 'outbound' | 'overhead']: number[];
  };
  for (const [id, [sentAt, doneAt, overhead]] of sent) {
    const [started, finished] = stamps.get(id)!.map(BigInt) as [bigint, bigint];
    rows.total.push(ms(doneAt - sentAt));
    rows.inbound.push(ms(started - sentAt));
    rows.inside.push(ms(finished - started));
    rows.outbound.push(ms(doneAt - finished));
    rows.overhead.push(overhead);
  }
  console.log(`\n${REQUESTS} requests each way at concurrency 1, ms\n`);
  console.log('| measure | p50 | p90 | p99 | p99.9 |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(`| direct call to the simulator | ${percentiles(directMs)} |`);
  console.log(`| call through the gateway | ${percentiles(rows.total)} |`);
  console.log(
    `| client → gateway (until the gateway starts on it) | ${percentiles(rows.inbound)} |`,
  );
  console.log(`| inside the gateway (upstream call included) | ${percentiles(rows.inside)} |`);
  console.log(
    `| gateway → client (until the client has the body) | ${percentiles(rows.outbound)} |`,
  );
  console.log(`| gateway's upstream call, to its first byte | ${percentiles(upstream)} |`);
  console.log(`| gateway's own work (x-hotpath-overhead-ms) | ${percentiles(rows.overhead)} |`);
} finally {
  await Promise.all([direct.close(), through.close()]);
  await gateway.close();
  await sim.close();
}
