import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createHttpPool, type HttpPool, POOL_CHANNELS } from '../src/index.ts';
import {
  blockedGap,
  type IdleClosingServer,
  idleClosingHttpServer,
  rawClosingServer,
} from './fixtures/idle-closing-servers.ts';

const ITERATIONS = 20;
/** Servers drop a socket idle for this long; the client's blocked gap is longer. */
const IDLE_MS = 15;
const GAP_MS = 40;

async function postJson(pool: HttpPool, origin: string, body: string): Promise<unknown> {
  const response = await pool.request(origin, { method: 'POST', body });
  return response.body.json();
}

interface Outcome {
  readonly ok: number;
  readonly errors: string[];
  readonly retries: number;
}

/**
 * `ITERATIONS` times: a fresh single-socket pool POSTs once, the event loop is blocked (from a
 * timer callback, so the server's idle timer fires in the same timers phase as the next request
 * leaves) past the server's idle timeout, and the pool POSTs again on the socket it kept.
 */
async function staleRound(server: IdleClosingServer, retry: boolean): Promise<Outcome> {
  const errors: string[] = [];
  let ok = 0;
  let retries = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    await using pool = createHttpPool({ connections: 1, retryStaleSockets: retry });
    await postJson(pool, server.origin, `{"warm":${i}}`);
    await blockedGap(GAP_MS, 'timer');
    const body = `{"prompt":"stale ${i} é ✓"}`;
    try {
      expect(await postJson(pool, server.origin, body)).toEqual({ echo: body });
      ok++;
    } catch (error) {
      errors.push(String((error as { code?: unknown }).code));
    }
    retries += pool.stats()[0]!.staleRetries;
  }
  return { ok, errors, retries };
}

function processedOnce(server: IdleClosingServer): void {
  expect(server.processed.length).toBe(new Set(server.processed).size);
}

const staleServers: [string, () => Promise<IdleClosingServer>][] = [
  [
    'a node:http server with no timeout hint (FIN)',
    () => idleClosingHttpServer({ idleMs: IDLE_MS }),
  ],
  [
    'a node:http server with no timeout hint (TCP reset)',
    () => idleClosingHttpServer({ idleMs: IDLE_MS, close: 'reset' }),
  ],
  [
    'a node:http server hinting 60 s behind a proxy that closes sooner',
    () => idleClosingHttpServer({ hintSeconds: 60, idleMs: IDLE_MS }),
  ],
  [
    'a raw net server that closes after the first response, no hint (FIN)',
    () => rawClosingServer({ when: 'after-first', delayMs: IDLE_MS }),
  ],
  [
    'a raw net server that closes after the first response, no hint (TCP reset)',
    () => rawClosingServer({ when: 'after-first', delayMs: IDLE_MS, close: 'reset' }),
  ],
];

describe('a POST on a reused keep-alive socket the server closed during a blocked idle gap', () => {
  for (const [name, start] of staleServers) {
    it(`succeeds ${ITERATIONS} of ${ITERATIONS} times, each processed once, against ${name}`, async () => {
      await using server = await start();
      const outcome = await staleRound(server, true);
      expect(outcome).toMatchObject({ ok: ITERATIONS, errors: [] });
      expect(outcome.retries).toBeGreaterThan(0);
      expect(server.processed).toHaveLength(2 * ITERATIONS);
      processedOnce(server);
      // The same rounds without the retry fail: the scenario does reproduce the race.
      await using control = await start();
      const unretried = await staleRound(control, false);
      expect(unretried.errors.length).toBeGreaterThan(0);
      expect(new Set(unretried.errors).size).toBeGreaterThan(0);
      for (const code of unretried.errors)
        expect(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']).toContain(code);
    }, 60_000);
  }

  it(`succeeds for ${ITERATIONS} of ${ITERATIONS} pools when the loop is blocked past an honoured Keep-Alive hint`, async () => {
    // node closes after its 3 s keepAliveTimeout; undici would close at 3 s − 2 s, but its
    // timer cannot fire while the loop is blocked for 3.1 s.
    await using server = await idleClosingHttpServer({ hintSeconds: 3 });
    const pools = Array.from({ length: ITERATIONS }, () => createHttpPool({ connections: 1 }));
    try {
      await Promise.all(pools.map((pool, i) => postJson(pool, server.origin, `{"warm":${i}}`)));
      await blockedGap(3_100, 'timer');
      const bodies = pools.map((_, i) => `{"prompt":"hinted ${i}"}`);
      const answers = await Promise.all(
        pools.map((pool, i) => postJson(pool, server.origin, bodies[i]!)),
      );
      expect(answers).toEqual(bodies.map((echo) => ({ echo })));
      expect(pools.reduce((sum, pool) => sum + pool.stats()[0]!.staleRetries, 0)).toBeGreaterThan(
        0,
      );
      processedOnce(server);
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }
  }, 30_000);

  it('retries a GET the same way, and a reset that lands before the request is written', async () => {
    // A reset while the request waits for the idle socket fails it before undici writes it.
    await using server = await idleClosingHttpServer({ idleMs: IDLE_MS, close: 'reset' });
    await using pool = createHttpPool({ connections: 1 });
    await postJson(pool, server.origin, '{"warm":0}');
    await blockedGap(GAP_MS, 'inline');
    const { statusCode, body } = await pool.request(server.origin);
    expect(statusCode).toBe(200);
    expect(await body.json()).toEqual({ echo: '' });
    expect(pool.stats()[0]!.staleRetries).toBe(1);
  });

  it('counts a socket as reused after a request that could not have been retried itself', async () => {
    await using server = await rawClosingServer({ when: 'on-second' });
    await using pool = createHttpPool({ connections: 1 });
    // A stream of known length, so the raw server (content-length only) can frame it.
    const body = Readable.from([Buffer.from('"first"')]);
    const headers = { 'content-length': '7' };
    await (await pool.request(server.origin, { method: 'POST', body, headers })).body.json();
    expect(await postJson(pool, server.origin, '"second"')).toEqual({ echo: '"second"' });
    expect(pool.stats()[0]!.staleRetries).toBe(1);
  });

  it(`publishes each retry on ${POOL_CHANNELS.staleRetry} with the origin and how the race showed up`, async () => {
    await using server = await rawClosingServer({ when: 'on-second' });
    const seen: unknown[] = [];
    const listener = (message: unknown): void => void seen.push(message);
    subscribe(POOL_CHANNELS.staleRetry, listener);
    try {
      await using pool = createHttpPool({ connections: 1 });
      await postJson(pool, server.origin, '1');
      expect(await postJson(pool, server.origin, '2')).toEqual({ echo: '2' });
      expect(seen).toEqual([{ origin: server.origin, code: 'UND_ERR_SOCKET' }]);
    } finally {
      unsubscribe(POOL_CHANNELS.staleRetry, listener);
    }
  });
});

describe('requests the server may have processed are never retried', () => {
  it('a fresh socket that closes: the server may have acted on the request', async () => {
    await using server = await rawClosingServer({ when: 'first' });
    await using pool = createHttpPool({ connections: 1 });
    await expect(pool.request(server.origin, { method: 'POST', body: '1' })).rejects.toMatchObject({
      code: 'UND_ERR_SOCKET',
    });
    expect(server.received).toBe(1);
    expect(pool.stats()[0]!.staleRetries).toBe(0);
  });

  it('a fresh socket that is reset', async () => {
    await using server = await rawClosingServer({ when: 'first', close: 'reset' });
    await using pool = createHttpPool({ connections: 1 });
    await expect(pool.request(server.origin, { method: 'POST', body: '1' })).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    expect(server.received).toBe(1);
    expect(pool.stats()[0]!.staleRetries).toBe(0);
  });

  for (const close of ['fin', 'reset'] as const) {
    it(`a reused socket that delivered part of the status line, then closed (${close})`, async () => {
      await using server = await rawClosingServer({
        when: 'on-second',
        partial: 'HTTP/1.1 20',
        close,
      });
      await using pool = createHttpPool({ connections: 1 });
      await postJson(pool, server.origin, '1');
      await expect(postJson(pool, server.origin, '2')).rejects.toMatchObject({
        code: expect.stringMatching(/^(UND_ERR_SOCKET|ECONNRESET|HPE_\w+)$/),
      });
      expect(server.received).toBe(2);
      expect(pool.stats()[0]!.staleRetries).toBe(0);
    });
  }

  it('a reused socket whose request timed out waiting for headers', async () => {
    await using server = await rawClosingServer({ when: 'on-second', silentOnSecond: true });
    await using pool = createHttpPool({ connections: 1, headersTimeoutMs: 50 });
    await postJson(pool, server.origin, '1');
    await expect(postJson(pool, server.origin, '2')).rejects.toMatchObject({
      code: 'UND_ERR_HEADERS_TIMEOUT',
    });
    expect(server.received).toBe(2);
    expect(pool.stats()[0]!.staleRetries).toBe(0);
  });

  it('nothing when retryStaleSockets is off', async () => {
    await using server = await rawClosingServer({ when: 'on-second' });
    await using pool = createHttpPool({ connections: 1, retryStaleSockets: false });
    await postJson(pool, server.origin, '1');
    await expect(postJson(pool, server.origin, '2')).rejects.toMatchObject({
      code: 'UND_ERR_SOCKET',
    });
    expect(server.received).toBe(2);
  });

  it('a streamed body, which cannot be replayed', async () => {
    await using server = await rawClosingServer({ when: 'on-second' });
    await using pool = createHttpPool({ connections: 1 });
    await postJson(pool, server.origin, '1');
    const body = Readable.from([Buffer.from('{"prompt":'), Buffer.from('"hi"}')]);
    await expect(pool.request(server.origin, { method: 'POST', body })).rejects.toMatchObject({
      code: 'UND_ERR_SOCKET',
    });
    expect(server.received).toBe(2);
    expect(pool.stats()[0]!.staleRetries).toBe(0);
  });
});

it('retries a request once only: when the retry meets a second stale socket, it fails', async () => {
  // Every socket that has answered once drops the next request, the retry's included.
  await using server = await rawClosingServer({ when: 'on-second' });
  await using pool = createHttpPool({ connections: 2 });
  await Promise.all([postJson(pool, server.origin, 'a'), postJson(pool, server.origin, 'b')]);
  await expect(postJson(pool, server.origin, 'c')).rejects.toMatchObject({
    code: 'UND_ERR_SOCKET',
  });
  expect(pool.stats()[0]!.staleRetries).toBe(1);
  expect(server.received).toBe(4);
});
