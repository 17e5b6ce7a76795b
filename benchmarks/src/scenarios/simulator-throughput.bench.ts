// How many requests per second the simulator answers on loopback, next to a bare node:http server
// sending a fixed body of the same size: the gap is the simulator's own cost per request.
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Scenario } from '@hotpath/bench';
import { type Simulator, startSimulator } from '@hotpath/simulator';

const CONCURRENCY = 8;
const body = JSON.stringify({
  model: 'sim-small',
  messages: [{ role: 'user', content: 'How fast can you answer this question?' }],
});

let sim: Simulator | undefined;
let bare: Server | undefined;
let bareUrl = '';
let fixedBody = '';
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/v1/chat/completions`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
        });
        res.on('end', () => resolve(size));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function burst(url: () => string): () => Promise<void> {
  return async () => {
    const calls: Promise<number>[] = [];
    for (let i = 0; i < CONCURRENCY; i++) calls.push(post(url()));
    await Promise.all(calls);
  };
}

async function startBare(): Promise<void> {
  bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(fixedBody),
      });
      res.end(fixedBody);
    });
  });
  await new Promise<void>((resolve) => bare!.listen(0, '127.0.0.1', resolve));
  bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}`;
}

const scenario: Scenario = {
  name: `simulator: non-streaming chat completions on loopback, ${CONCURRENCY} concurrent`,
  itemsPerCall: CONCURRENCY,
  async setup() {
    sim = await startSimulator({ responseTokens: 32 });
    const res = await fetch(`${sim.url}/v1/chat/completions`, { method: 'POST', body });
    fixedBody = await res.text();
    await startBare();
  },
  async teardown() {
    agent.destroy();
    await sim?.close();
    await new Promise((resolve) => {
      bare?.close(resolve);
      bare?.closeAllConnections();
    });
  },
  tasks: {
    'hotpath simulator': burst(() => sim!.url),
    'node:http fixed body': burst(() => bareUrl),
  },
};

export default scenario;
