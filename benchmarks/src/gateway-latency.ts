// Added latency of @hotpath/gateway: the same requests sent straight to the simulator and through
// the gateway, taking turns in short blocks at a fixed concurrency, over keep-alive undici pools.
// The simulator runs on its own thread, the gateway in its own process (as `hotpath serve` runs it). Prints a Markdown table.
//
//   node --conditions=@hotpath/source src/gateway-latency.ts [--rounds 10] [--requests 400] [--concurrency 1,8] [--block 16]

import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import type { ChildServer } from './fixtures/child-server.ts';
import { startBareHttpProcess, startGatewayProcess } from './fixtures/gateway-process.ts';
import { percentile } from './fixtures/percentile.ts';
import { startThreadedSimulator } from './fixtures/threaded-simulator.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '10' },
    requests: { type: 'string', default: '400' },
    concurrency: { type: 'string', default: '1,8' },
    block: { type: 'string', default: '16' },
    'hit-seconds': { type: 'string', default: '2' },
  },
});
const ROUNDS = Number(values.rounds);
const REQUESTS = Number(values.requests);
const CONCURRENCY = values.concurrency.split(',').map(Number);
const BLOCK = Number(values.block);

// temperature > 0: not cacheable, so every gateway call goes upstream (the pass-through path).
const live = JSON.stringify({
  model: 'sim-small',
  messages: [{ role: 'user', content: 'measure me' }],
  temperature: 0.5,
});
const streamBody = JSON.stringify({ ...JSON.parse(live), stream: true });
const cached = JSON.stringify({
  model: 'sim-small',
  messages: [{ role: 'user', content: 'cache me' }],
  temperature: 0,
});

const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-bench' };

const FIRST_TOKEN = /"content":"[^"]/;

/**
 * One request; resolves with ms to the end of the body, or with `firstToken`, to the first
 * content token (the simulator's role-only first frame does not count, on either side).
 */
async function once(pool: Pool, body: string, firstToken: boolean): Promise<number> {
  const started = performance.now();
  const response = await pool.request({
    path: '/v1/chat/completions',
    method: 'POST',
    headers,
    body,
  });
  if (response.statusCode !== 200)
    throw new Error(`status ${response.statusCode}: ${await response.body.text()}`);
  let at = 0;
  let text = '';
  for await (const chunk of response.body) {
    if (firstToken && at === 0) {
      text += chunk.toString();
      if (FIRST_TOKEN.test(text)) at = performance.now() - started;
    }
  }
  return firstToken ? at : performance.now() - started;
}

/** `total` requests, `concurrency` at a time; the latency of each. */
async function run(
  pool: Pool,
  body: string,
  total: number,
  concurrency: number,
  firstChunk: boolean,
): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next++ < total) times.push(await once(pool, body, firstChunk));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return times;
}

interface Row {
  readonly label: string;
  readonly direct: number[];
  readonly gateway: number[];
}

async function measure(
  sim: string,
  gateway: string,
  concurrency: number,
  body: string,
  firstChunk: boolean,
): Promise<Omit<Row, 'label'>> {
  const direct = new Pool(sim, { connections: concurrency });
  const through = new Pool(gateway, { connections: concurrency });
  const times = { direct: [] as number[], gateway: [] as number[] };
  await run(direct, body, 50, concurrency, firstChunk); // warm-up
  await run(through, body, 50, concurrency, firstChunk);
  // The sides take turns every BLOCK requests, the first side alternating, so a burst of load
  // on this shared machine (it lasts far longer than one block) lands on both sides alike.
  const blocks = ROUNDS * Math.ceil(REQUESTS / BLOCK);
  for (let block = 0; block < blocks; block++) {
    const order =
      block % 2 === 0 ? (['direct', 'gateway'] as const) : (['gateway', 'direct'] as const);
    for (const side of order) {
      const pool = side === 'direct' ? direct : through;
      times[side].push(...(await run(pool, body, BLOCK, concurrency, firstChunk)));
    }
  }
  await Promise.all([direct.close(), through.close()]);
  return times;
}

/** Cached hits/s through `server` at `concurrency`, and the server process's CPU µs per hit. */
async function hitsPerSecond(
  gateway: ChildServer,
  concurrency: number,
  seconds: number,
): Promise<[number, number]> {
  const pool = new Pool(gateway.url, { connections: concurrency });
  await run(pool, cached, 200, concurrency, false);
  let count = 0;
  const until = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < until) {
      await once(pool, cached, false);
      count++;
    }
  };
  const cpu = await gateway.cpuMicros();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const rate = count / ((performance.now() - started) / 1000);
  const cpuPerHit = ((await gateway.cpuMicros()) - cpu) / count;
  await pool.close();
  return [rate, cpuPerHit];
}

const fmt = (ms: number) => ms.toFixed(3);

function line(row: Row): string {
  const d = row.direct.sort((a, b) => a - b);
  const g = row.gateway.sort((a, b) => a - b);
  const cells = [50, 99].flatMap((p) => [
    percentile(d, p),
    percentile(g, p),
    percentile(g, p) - percentile(d, p),
  ]);
  return `| ${row.label} | ${d.length} | ${cells.map(fmt).join(' | ')} |`;
}

const sim = await startThreadedSimulator({});
const gateway = await startGatewayProcess(sim.url);
try {
  const rows: Row[] = [];
  for (const c of CONCURRENCY) {
    rows.push({
      label: `non-streaming, concurrency ${c}`,
      ...(await measure(sim.url, gateway.url, c, live, false)),
    });
    rows.push({
      label: `streaming TTFT, concurrency ${c}`,
      ...(await measure(sim.url, gateway.url, c, streamBody, true)),
    });
  }
  const hitRates: Array<[string, number, number]> = [];
  const seconds = Number(values['hit-seconds']);
  for (const c of [16, 64]) {
    hitRates.push([`gateway, concurrency ${c}`, ...(await hitsPerSecond(gateway, c, seconds))]);
  }
  // The floor: a bare node:http process answering a fixed body of the same size, same load.
  const bare = await startBareHttpProcess();
  try {
    hitRates.push([
      'bare node:http, fixed body, concurrency 16',
      ...(await hitsPerSecond(bare, 16, seconds)),
    ]);
  } finally {
    await bare.close();
  }
  console.log(
    `\n${ROUNDS} rounds × ${REQUESTS} requests per side, the sides taking turns every ${BLOCK}; ms; added = gateway − direct\n`,
  );
  console.log(
    '| scenario | requests/side | direct p50 | gateway p50 | added p50 | direct p99 | gateway p99 | added p99 |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) console.log(line(row));
  console.log('\n| cached hits | req/s | server process CPU per hit | hits/s per server core |');
  console.log('| --- | --- | --- | --- |');
  for (const [label, rate, cpu] of hitRates) {
    const perCore = Math.round(1e6 / cpu).toLocaleString('en-US');
    console.log(
      `| ${label} | ${Math.round(rate).toLocaleString('en-US')} | ${cpu.toFixed(1)} µs | ${perCore} |`,
    );
  }
} finally {
  await gateway.close();
  await sim.close();
}
