import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type BusMessage,
  CACHE_CHANNELS,
  createCache,
  createRedisBus,
  createRedisStore,
} from '@hotpath/cache';
import { type RedisServer, startRedisServer, unhandledRejections } from '@hotpath/testing';
import { createClient } from '@keyv/redis';
import { afterEach, beforeEach, expect, it } from 'vitest';

const unhandled = unhandledRejections();
beforeEach(() => unhandled.start());
afterEach(() => unhandled.stop());

/** The server's process id, or undefined while nothing answers on `url`. */
async function serverPid(url: string): Promise<number | undefined> {
  const client = createClient({ url, socket: { reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch {
    return undefined;
  }
  try {
    return Number(/process_id:(\d+)/.exec(await client.info('server'))?.[1]);
  } finally {
    await client.close();
  }
}

/** SIGKILLs the server, as a crash would (`stop()` sends SIGTERM), and waits until it is gone. */
async function crash(redis: RedisServer): Promise<void> {
  const pid = await serverPid(redis.url);
  if (pid === undefined) throw new Error('redis-server is not running');
  process.kill(pid, 'SIGKILL');
  while ((await serverPid(redis.url)) !== undefined) await sleep(10);
}

/** Starts the server again; start() is a no-op until the helper has seen the old one exit. */
async function revive(redis: RedisServer): Promise<void> {
  for (;;) {
    await redis.start();
    if ((await serverPid(redis.url)) !== undefined) return;
    await sleep(20);
  }
}

it('after Redis is SIGKILLed and restarted, another instance drops the L1 copies whose invalidations were lost in the outage', async () => {
  await using redis = await startRedisServer();
  const open = async () =>
    createCache({
      l2: {
        store: await createRedisStore({ url: redis.url, namespace: 'reconnect' }),
        timeoutMs: 300,
        retryAfterMs: 50,
        maxRetryAfterMs: 200,
      },
      bus: await createRedisBus({ url: redis.url, timeoutMs: 300 }),
    });
  await using a = await open();
  await using b = await open();
  await a.set('k', 'v1');
  expect(await b.get('k')).toBe('v1');

  await crash(redis);
  // Written while Redis is down: neither L2 nor the bus carries it, so b cannot hear of it now.
  while (a.stats().l2.errors === 0) await a.set('k', 'v2');
  expect(a.getSync('k')).toBe('v2');
  expect(await b.get('k')).toBe('v1');

  await revive(redis);
  // Once b's bus is back it must assume it missed messages and stop serving its old copy.
  while (b.getSync('k') === 'v1') await sleep(20);
  expect(await b.get('k')).not.toBe('v1');
  expect(unhandled.seen()).toEqual([]);
});

it('a bus tells its subscriber to clear L1 after its connection comes back, and not before', async () => {
  await using redis = await startRedisServer();
  const bus = await createRedisBus({ url: redis.url, timeoutMs: 300 });
  const seen: BusMessage[] = [];
  await bus.subscribe((message) => seen.push(message));
  expect(seen).toEqual([]);
  await crash(redis);
  await revive(redis);
  while (!seen.some((message) => message.clear === true)) await sleep(20);
  // The resubscription is in place before the clear is delivered: a publish now arrives.
  const other = await createRedisBus({ url: redis.url });
  await other.publish({ source: 'other', keys: ['after'] });
  while (!seen.some((message) => message.keys?.[0] === 'after')) await sleep(20);
  await other.close();
  await bus.close();
  expect(unhandled.seen()).toEqual([]);
});

it('while Redis is paused (SIGSTOP: sockets hang, never close) every operation settles from L1 and factories, and L2 is used again after SIGCONT', async () => {
  await using redis = await startRedisServer();
  await using cache = await createCache({
    l2: {
      store: await createRedisStore({ url: redis.url, namespace: 'paused' }),
      timeoutMs: 200,
      retryAfterMs: 50,
      maxRetryAfterMs: 100,
    },
    bus: await createRedisBus({ url: redis.url, timeoutMs: 200 }),
  });
  await cache.set('warm', 'w');
  const pid = await serverPid(redis.url);
  if (pid === undefined) throw new Error('redis-server is not running');
  process.kill(pid, 'SIGSTOP');
  try {
    const answers = await Promise.all([
      cache.get('warm'),
      cache.get('cold'),
      cache.getOrSet('computed', async () => 'f'),
      cache.set('written', 1).then(() => 'set'),
      cache.delete('gone'),
      cache.invalidateTags(['t']).then(() => 'invalidated'),
    ]);
    expect(answers).toEqual(['w', undefined, 'f', 'set', false, 'invalidated']);
    expect(cache.stats().l2.errors).toBeGreaterThan(0);
  } finally {
    process.kill(pid, 'SIGCONT');
  }
  await using reader = await createCache({
    l2: { store: await createRedisStore({ url: redis.url, namespace: 'paused' }) },
  });
  let attempt = 0;
  while ((await reader.get(`after-${attempt}`)) === undefined) {
    await cache.set(`after-${++attempt}`, 'back');
    await sleep(20);
  }
  expect(unhandled.seen()).toEqual([]);
});

it('malformed messages on the bus channel are reported and skipped; the bus keeps invalidating afterwards', async () => {
  await using redis = await startRedisServer();
  const errors: unknown[] = [];
  const onError = (message: unknown) => errors.push(message);
  subscribe(CACHE_CHANNELS.error, onError);
  try {
    const open = async () =>
      createCache({
        l2: await createRedisStore({ url: redis.url, namespace: 'malformed' }),
        bus: await createRedisBus({ url: redis.url }),
      });
    await using a = await open();
    await using b = await open();
    await a.set('k', 'v1');
    expect(await b.get('k')).toBe('v1');
    const raw = createClient({ url: redis.url });
    await raw.connect();
    for (const message of [
      '{"source":"x","keys":5}',
      '{"source":"x","tags":[1]}',
      '{"source":"x","tags":[["t","now"]]}',
      '{"source":"x","keys":[null,{}]}',
      '{"source":"x","clear":"yes"}',
      'not json',
    ]) {
      await raw.publish('hotpath:cache:bus', message);
    }
    await raw.close();
    await a.set('k', 'v2');
    while (b.getSync('k') === 'v1') await sleep(10);
    expect(await b.get('k')).toBe('v2');
    expect(errors.length).toBeGreaterThanOrEqual(6);
  } finally {
    unsubscribe(CACHE_CHANNELS.error, onError);
  }
  expect(unhandled.seen()).toEqual([]);
});
