import { startSimulator } from '@hotpath/simulator';
import { startRedisServer } from '@hotpath/testing';
import { createClient } from '@redis/client';
import { expect, it } from 'vitest';
import { type Gateway, startGateway } from '../src/index.ts';
import { hello } from './fixtures.ts';

const request = JSON.stringify({ model: 'sim-small', messages: hello, temperature: 0 });

async function ask(gateway: Gateway): Promise<string | null> {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-shared-tenant-key' },
    body: request,
  });
  await response.json();
  return response.headers.get('x-hotpath-cache');
}

/** Polls `check` until it holds: L2 writes and bus messages are delivered in the background. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1000 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
  expect(await check()).toBe(true);
}

it('shares cached answers between two instances through Redis, and invalidations reach the other instance', async () => {
  await using redis = await startRedisServer();
  await using sim = await startSimulator();
  const config = {
    upstreams: { sim: { type: 'openai' as const, baseURL: `${sim.url}/v1` } },
    models: { 'sim-small': 'sim' },
    rateLimit: { requestsPerMinute: 1000 },
  };
  await using a = await startGateway(config, { redis: redis.url });
  await using b = await startGateway(config, { redis: redis.url });
  const client = createClient({ url: redis.url });
  await client.connect();
  try {
    expect(await ask(a)).toBe('miss');
    await until(async () => (await client.keys('hotpath::*')).length > 0);
    expect(await ask(b)).toBe('hit');
    expect(await ask(b)).toBe('hit');
    expect(sim.stats().routes['openai.chat']).toBe(1);
    const cacheB = b.host.service('cache').cache;
    expect(cacheB.stats().entries).toBeGreaterThan(0);
    await a.host.service('cache').cache.clear();
    await until(() => cacheB.stats().entries === 0);
    expect(await ask(b)).toBe('miss');
    expect(sim.stats().routes['openai.chat']).toBe(2);
    // Both instances draw on one shared bucket.
    const buckets = await client.keys('*rate-limit*');
    expect(buckets).toEqual(['{hotpath:rate-limit}:hotpath:rpm']);
  } finally {
    await client.close();
  }
});

it('refuses to start when the Redis server is unreachable, and leaves nothing running', async () => {
  await using sim = await startSimulator();
  const redis = await startRedisServer();
  const url = redis.url;
  await redis.stop();
  const config = {
    upstreams: { sim: { type: 'openai' as const, baseURL: `${sim.url}/v1` } },
    models: { 'sim-small': 'sim' },
  };
  await expect(startGateway(config, { redis: url })).rejects.toMatchObject({
    code: 'HOTPATH_GATEWAY_REDIS_UNAVAILABLE',
  });
});
