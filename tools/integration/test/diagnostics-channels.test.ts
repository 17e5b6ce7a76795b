// Every channel @hotpath/profiler subscribes to by default, end to end: the real package
// publishes it, and collectDiagnostics (with its defaults, no wiring) turns it into a metric.
// The contract test in packages/profiler checks that the defaults are exactly the channels the
// packages publish; this file checks that each of them also arrives as a metric.

import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareTrees } from '@hotpath/bench';
import { createCache } from '@hotpath/cache';
import { createBatcher, createMemoryStore, createRateLimiter, runGraph } from '@hotpath/executor';
import { startGateway } from '@hotpath/gateway';
import { createHeapSnapshotWriter, detectLeak } from '@hotpath/memory';
import { rateLimitPlugin } from '@hotpath/plugin-rate-limit';
import { createHttpPool, createObjectPool } from '@hotpath/pool';
import {
  collectDiagnostics,
  createMetrics,
  DEFAULT_CHANNELS,
  DEFAULT_HIT_RATES,
  isDistributionFamily,
  type MetricFamily,
} from '@hotpath/profiler';
import { startSimulator } from '@hotpath/simulator';
import { createTokenWorkers } from '@hotpath/tokens';
import { describe, expect, it } from 'vitest';
// The crash needs a worker that dies; the tokens package's own test fixture is one, and its
// source entry point takes a worker file (tests run on source).
import { createTokenWorkersWith } from '../../../packages/tokens/src/token-workers.ts';
import { startFullHost } from '../src/index.ts';
import { drain, tempDir } from './helpers.ts';

type Publish = () => Promise<unknown>;

async function cacheScenario(): Promise<void> {
  await using cache = await createCache({ max: 100, ttlMs: 1, graceMs: 60_000 });
  await cache.getOrSet('k', () => 'v'); // miss, factory, set
  await new Promise((resolve) => setTimeout(resolve, 5));
  await cache.getOrSet('k', () => 'v2'); // stale served while refreshing
  await cache.set('t', 'v', { tags: ['tag'], ttlMs: 60_000 });
  await cache.get('t'); // hit
  await cache.get('absent'); // miss
  await cache.delete('t');
  await cache.invalidateTags(['tag']);
  await cache.getOrSet('e', () => Promise.reject(new Error('factory failed'))).catch(() => {});
}

async function rateLimitedCall(): Promise<void> {
  // The simulator refuses the second request in its window with a 429; no retries, so it fails.
  const plugin = rateLimitPlugin({ limits: [{ name: 'rpm', limit: 1_000 }], retries: 0 });
  await using t = await startFullHost({
    plugins: [plugin],
    simulator: { rateLimit: { requests: 1, windowMs: 60_000 } },
  });
  await t.host.complete(t.request('one'));
  await t.host.complete(t.request('two')).catch(() => {});
}

async function storeFailure(): Promise<void> {
  // A store whose refund fails: reconciling a reservation with the real usage cannot be saved.
  const memory = createMemoryStore();
  const store = {
    take: memory.take.bind(memory),
    sync: memory.sync.bind(memory),
    pause: memory.pause.bind(memory),
    refund: () => Promise.reject(new Error('store down')),
  };
  const plugin = rateLimitPlugin({ limits: [{ name: 'tpm', unit: 'tokens', limit: 1e9 }], store });
  await using t = await startFullHost({ plugins: [plugin] });
  await t.host.complete(t.request('hello'));
}

async function streamThroughHost(): Promise<void> {
  await using t = await startFullHost();
  await drain(t.host.stream(t.request('stream please')));
}

async function completeThroughHost(): Promise<void> {
  await using t = await startFullHost();
  await t.host.complete(t.request('hello'));
}

async function gatewayCall(): Promise<void> {
  const sim = await startSimulator({ port: 0 });
  const gateway = await startGateway({
    upstreams: { sim: { type: 'openai', baseURL: `${sim.url}/v1` } },
    models: { 'sim-small': ['sim'] },
    cache: false,
  });
  try {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-x' },
      body: JSON.stringify({ model: 'sim-small', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
    await response.json();
  } finally {
    await gateway.close();
    await sim.close();
  }
}

/** A raw HTTP/1.1 server that answers once per socket and drops the socket on the next request. */
async function staleSocketRetry(): Promise<void> {
  const server = createServer((socket) => {
    let served = 0;
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      if (!chunk.includes('\r\n\r\n')) return;
      if (served++ > 0) return void socket.destroy();
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await using pool = createHttpPool({ connections: 1 });
    await (await pool.request(origin, { method: 'POST', body: '1' })).body.text();
    expect(await (await pool.request(origin, { method: 'POST', body: '2' })).body.text()).toBe(
      'ok',
    );
  } finally {
    server.close();
  }
}

async function objectPoolCreateError(): Promise<void> {
  const pool = createObjectPool({
    create: () => Promise.reject(new Error('cannot create')),
    acquireTimeoutMs: 50,
  });
  await pool.acquire().catch(() => {});
  await pool.close();
}

async function tokenTask(): Promise<void> {
  await using workers = createTokenWorkers({ threads: 1, inlineThreshold: 0 });
  await workers.count('count me on a worker thread');
}

async function tokenWorkerCrash(): Promise<void> {
  const crashing = new URL(
    '../../../packages/tokens/test/fixtures/crashing-worker.ts',
    import.meta.url,
  );
  await using workers = createTokenWorkersWith({ threads: 1, inlineThreshold: 0 }, crashing);
  await workers.count('CRASH now').catch(() => {});
}

async function leak(): Promise<void> {
  let bytes = 0;
  const report = await detectLeak(
    () => {
      bytes += 1024;
    },
    { iterations: 10, rounds: 5, warmupRounds: 0, forceGc: false, sample: () => bytes },
  );
  expect(report.leak).toBe(true);
}

async function heapSnapshot(): Promise<void> {
  const dir = tempDir('hotpath-diagnostics-heap-');
  try {
    const outcome = createHeapSnapshotWriter({ directory: dir.path, headroomFactor: 0 }).write();
    expect(outcome).toMatchObject({ written: true });
  } finally {
    dir.remove();
  }
}

async function benchmarkJudged(): Promise<void> {
  // An A/A gate on a one-task bench file: base and head are the same tree, two process pairs.
  const dir = mkdtempSync(join(tmpdir(), 'hotpath-bench-channel-'));
  const spin = 'let x = 0; for (let i = 0; i < 2_000; i++) x += i; return x;';
  writeFileSync(
    join(dir, 'spin.bench.mjs'),
    `export default { name: 'spin', tasks: { spin: () => { ${spin} } } };\n`,
  );
  try {
    await compareTrees({
      head: dir,
      base: dir,
      files: ['spin.bench.mjs'],
      processes: 2,
      rounds: 3,
      timeMs: 5,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function rateLimitWait(): Promise<void> {
  const limiter = createRateLimiter({ limits: [{ name: 'rps', limit: 1, intervalMs: 20 }] });
  await limiter.acquire();
  await limiter.acquire(); // waits for the bucket to refill
}

const cases: Record<string, Publish> = {
  'hotpath:cache:hit': cacheScenario,
  'hotpath:cache:miss': cacheScenario,
  'hotpath:cache:set': cacheScenario,
  'hotpath:cache:delete': cacheScenario,
  'hotpath:cache:stale': cacheScenario,
  'hotpath:cache:error': cacheScenario,
  'hotpath:cache:invalidate': cacheScenario,
  'hotpath:cache:factory': cacheScenario,
  'hotpath:executor:batch': async () => {
    const batcher = createBatcher(async (keys: readonly string[]) => keys.map((k) => k.length));
    await Promise.all([batcher.load('a'), batcher.load('bb')]);
    await batcher.close();
  },
  'hotpath:executor:graph-task': () => runGraph({ a: { run: () => 1 } }),
  'hotpath:executor:rate-limit-wait': rateLimitWait,
  'hotpath:pool:create-error': objectPoolCreateError,
  'hotpath:pool:stale-retry': staleSocketRetry,
  'hotpath:stream:start': streamThroughHost,
  'hotpath:stream:first-token': streamThroughHost,
  'hotpath:stream:end': streamThroughHost,
  'hotpath:tokens:task': tokenTask,
  'hotpath:tokens:worker-crash': tokenWorkerCrash,
  'hotpath:memory:leak': leak,
  'hotpath:memory:heap-snapshot': heapSnapshot,
  'hotpath:bench:benchmark': benchmarkJudged,
  'hotpath:simulator:request': completeThroughHost,
  'hotpath:provider:request': completeThroughHost,
  'hotpath:gateway:response': gatewayCall,
  'hotpath:plugin-rate-limit:rate-limited': rateLimitedCall,
  'hotpath:plugin-rate-limit:update-failed': storeFailure,
};

/** The family a channel's events land in: its counter, or the hit or miss side of a hit rate. */
function familyName(channel: string): string {
  for (const [hit, miss, name] of DEFAULT_HIT_RATES) {
    if (channel === hit) return `${name}_hits_total`;
    if (channel === miss) return `${name}_misses_total`;
  }
  return `${channel.replace(/[^a-zA-Z0-9_]+/g, '_')}_total`;
}

function total(families: readonly MetricFamily[], name: string): number {
  const family = families.find((f) => f.name === name);
  if (family === undefined || isDistributionFamily(family)) return 0;
  return family.samples.reduce((sum, sample) => sum + sample.value, 0);
}

describe('every default diagnostics channel, end to end', () => {
  it('has a case here for each default channel, and none for a channel not in the defaults', () => {
    expect(Object.keys(cases).sort()).toEqual([...DEFAULT_CHANNELS].sort());
  });

  for (const [channel, publish] of Object.entries(cases)) {
    it(`${channel}: the real package publishes it and collectDiagnostics counts it`, async () => {
      const metrics = createMetrics();
      using _collector = collectDiagnostics(metrics);
      await publish();
      expect(total(metrics.collect(), familyName(channel))).toBeGreaterThan(0);
    }, 30_000);
  }

  it('observes the timings the channels carry, nested ones included', async () => {
    const metrics = createMetrics();
    using _collector = collectDiagnostics(metrics);
    await streamThroughHost();
    await completeThroughHost();
    const names = metrics.collect().map((family) => family.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'hotpath_stream_first_token_ttft_seconds',
        'hotpath_stream_end_ttft_seconds',
        'hotpath_stream_end_total_seconds',
        'hotpath_provider_request_ttfb_seconds',
      ]),
    );
  }, 30_000);
});
