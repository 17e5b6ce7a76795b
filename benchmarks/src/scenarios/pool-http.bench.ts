// 500 chat-completion POSTs with 50 in flight to a local keep-alive server on another thread,
// every response body read and parsed as JSON. Each body is new (a fresh 128-bit request id in
// front of one of 4,096 seeded messages: 1% 16 KiB, 4% tiny, 15% 1–2 KiB, the rest 60–400
// characters of mixed scripts, some with a lone surrogate and NUL), and the server embeds it in
// its answer, so each response is new too. Raw undici `Pool.request` is the floor: the pool is a
// layer over it. A call takes 20–30 ms, so every 100 ms round measures several.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { Scenario } from '@hotpath/bench';
import { createHttpPool, type HttpPool } from '@hotpath/pool';
import { Pool } from 'undici';
import { type ChatPayloads, createChatPayloads } from '../fixtures/chat-payloads.ts';
import { startThreadedServer, type ThreadedServer } from '../fixtures/http-server.ts';

const REQUESTS = 500;
const IN_FLIGHT = 50;
const PATH = '/v1/chat/completions';
const JSON_HEADERS = { 'content-type': 'application/json' };

let server: ThreadedServer;
let pool: HttpPool;
let undiciPool: Pool;
let agent: HttpAgent;
let url: string;
let parsedUrl: URL;
let payloads: ChatPayloads;

/** What every client must hand back: the parsed answer, checked so no client can skip parsing. */
function check(answer: unknown): void {
  if ((answer as { object?: unknown }).object !== 'chat.completion') {
    throw new Error('the response was not the chat completion the server sent');
  }
}

async function inFlight(send: (body: string) => Promise<unknown>): Promise<void> {
  let sent = 0;
  const lane = async (): Promise<void> => {
    while (sent++ < REQUESTS) check(await send(payloads.next()));
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

function nodeHttpPost(body: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(parsedUrl, { method: 'POST', agent, headers: JSON_HEADERS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch (error) {
          reject(error);
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const scenario: Scenario = {
  name: `pool: ${REQUESTS} chat POSTs, ${IN_FLIGHT} in flight, JSON bodies, local keep-alive server`,
  itemsPerCall: REQUESTS,
  async setup() {
    server = await startThreadedServer();
    url = `${server.origin}${PATH}`;
    parsedUrl = new URL(url);
    payloads = createChatPayloads(0x9e3779b9);
    pool = createHttpPool({ connections: IN_FLIGHT });
    undiciPool = new Pool(server.origin, { connections: IN_FLIGHT });
    agent = new HttpAgent({ keepAlive: true, maxSockets: IN_FLIGHT });
  },
  async teardown() {
    await Promise.all([pool.close(), undiciPool.close()]);
    agent.destroy();
    await server.close();
  },
  tasks: {
    'hotpath createHttpPool().request': () =>
      inFlight(async (body) => {
        const response = await pool.request(url, { method: 'POST', body, headers: JSON_HEADERS });
        return response.body.json();
      }),
    'undici Pool.request (floor)': () =>
      inFlight(async (body) => {
        const response = await undiciPool.request({
          path: PATH,
          method: 'POST',
          body,
          headers: JSON_HEADERS,
        });
        return response.body.json();
      }),
    fetch: () =>
      inFlight(async (body) => {
        const response = await fetch(url, { method: 'POST', body, headers: JSON_HEADERS });
        return response.json();
      }),
    'node:http keep-alive agent': () => inFlight(nodeHttpPost),
  },
  targets: [
    { task: 'hotpath createHttpPool().request', peer: 'undici Pool.request (floor)', min: 0.95 },
    { task: 'hotpath createHttpPool().request', peer: 'fetch', min: 3.5 },
    { task: 'hotpath createHttpPool().request', peer: 'node:http keep-alive agent', min: 1 },
  ],
};

export default scenario;
