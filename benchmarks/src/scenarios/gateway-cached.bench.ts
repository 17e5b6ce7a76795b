// @hotpath/gateway: a batch of cached hits through the gateway next to the same batch sent straight
// to the simulator (which answers at once) and through the gateway without the cache (pass-through).
// The simulator runs on its own thread, the gateway in its own process; the client is undici over keep-alive.
import type { Scenario } from '@hotpath/bench';
import { Pool } from 'undici';
import { type GatewayProcess, startGatewayProcess } from '../fixtures/gateway-process.ts';
import { startThreadedSimulator, type ThreadedSimulator } from '../fixtures/threaded-simulator.ts';

const CONCURRENCY = 16;
const BATCH = 64;
const headers = { 'content-type': 'application/json', authorization: 'Bearer sk-bench' };
const messages = [{ role: 'user', content: 'How fast can a cached answer be?' }];
const cachedBody = JSON.stringify({ model: 'sim-small', messages, temperature: 0 });
// temperature > 0 is not cacheable: every call goes upstream.
const liveBody = JSON.stringify({ model: 'sim-small', messages, temperature: 0.5 });

let sim: ThreadedSimulator | undefined;
let gateway: GatewayProcess | undefined;
let toSim: Pool | undefined;
let toGateway: Pool | undefined;

async function post(pool: Pool, body: string): Promise<void> {
  const response = await pool.request({
    path: '/v1/chat/completions',
    method: 'POST',
    headers,
    body,
  });
  if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
  await response.body.text();
}

/** BATCH requests, CONCURRENCY at a time. */
async function batch(pool: Pool | undefined, body: string): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next++ < BATCH) await post(pool as Pool, body);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const scenario: Scenario = {
  name: `gateway: ${BATCH} chat calls, concurrency ${CONCURRENCY} (calls/s)`,
  itemsPerCall: BATCH,
  async setup() {
    sim = await startThreadedSimulator({});
    gateway = await startGatewayProcess(sim.url);
    toSim = new Pool(sim.url, { connections: CONCURRENCY });
    toGateway = new Pool(gateway.url, { connections: CONCURRENCY });
    await post(toGateway, cachedBody);
  },
  async teardown() {
    await Promise.all([toSim?.close(), toGateway?.close()]);
    await gateway?.close();
    await sim?.close();
  },
  tasks: {
    'hotpath gateway, cached hit': () => batch(toGateway, cachedBody),
    'simulator called directly': () => batch(toSim, liveBody),
    'gateway pass-through (not cacheable)': () => batch(toGateway, liveBody),
  },
};

export default scenario;
