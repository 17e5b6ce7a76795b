import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { fetch } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpPool, PoolClosedError } from '../src/index.ts';

const servers: Server[] = [];

async function listen(handler: Parameters<typeof createServer>[1]) {
  const server = createServer({ keepAliveTimeout: 60_000 }, handler);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => sockets.add(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, sockets };
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

describe('createHttpPool', () => {
  it('reuses keep-alive sockets, never opening more than `connections`', async () => {
    const { origin, sockets } = await listen((req, res) => {
      req.resume().on('end', () => res.end(`echo ${req.method} ${req.url}`));
    });
    await using pool = createHttpPool({ connections: 4 });
    const bodies = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const { statusCode, body } = await pool.request(`${origin}/item/${i}`, {
          method: 'POST',
          body: JSON.stringify({ i }),
        });
        expect(statusCode).toBe(200);
        return body.text();
      }),
    );
    expect(bodies[7]).toBe('echo POST /item/7');
    expect(sockets.size).toBeLessThanOrEqual(4);
    const [stats] = pool.stats();
    expect(stats).toMatchObject({ origin, running: 0, pending: 0, staleRetries: 0 });
    expect(stats!.connected).toBeGreaterThan(0);
    expect(stats!.ttfbMs.count).toBe(60);
    expect(stats!.queueWaitMs.count).toBe(60);
    expect(stats!.ttfbMs.p99).toBeGreaterThanOrEqual(stats!.ttfbMs.p50);
  });

  it('sends the path and query of string and URL targets', async () => {
    const { origin } = await listen((req, res) => res.end(req.url));
    await using pool = createHttpPool();
    const paths = [];
    for (const url of [`${origin}?q=1`, `${origin}/a/b?c=d`, origin, new URL('/u?v=w', origin)]) {
      paths.push(await (await pool.request(url)).body.text());
    }
    expect(paths).toEqual(['/?q=1', '/a/b?c=d', '/', '/u?v=w']);
  });

  it('keeps separate pools and statistics per origin', async () => {
    const a = await listen((_req, res) => res.end('a'));
    const b = await listen((_req, res) => res.end('b'));
    await using pool = createHttpPool();
    for (const { origin } of [a, b, a]) await (await pool.request(origin)).body.text();
    const counts = Object.fromEntries(pool.stats().map((s) => [s.origin, s.ttfbMs.count]));
    expect(counts).toEqual({ [a.origin]: 2, [b.origin]: 1 });
  });

  it("works as a dispatcher for undici's fetch", async () => {
    const { origin } = await listen((_req, res) => res.end('via fetch'));
    await using pool = createHttpPool();
    const response = await fetch(origin, { dispatcher: pool.dispatcher });
    expect(await response.text()).toBe('via fetch');
    expect(pool.stats()[0]!.ttfbMs.count).toBe(1);
  });

  it('serves an origin again after the server closed all its sockets', async () => {
    const { origin, sockets } = await listen((_req, res) => res.end('ok'));
    await using pool = createHttpPool();
    const events: string[] = [];
    pool.dispatcher.on('connect', () => events.push('connect'));
    pool.dispatcher.on('disconnect', () => events.push('disconnect'));
    expect(await (await pool.request(origin)).body.text()).toBe('ok');
    const disconnected = once(pool.dispatcher, 'disconnect');
    for (const socket of sockets) socket.destroy();
    await disconnected;
    expect(await (await pool.request(origin)).body.text()).toBe('ok');
    expect(events).toEqual(['connect', 'disconnect', 'connect']);
    expect(pool.stats()).toHaveLength(1);
    expect(pool.stats()[0]!.ttfbMs.count).toBe(2);
  });

  it("passes undici's raw response headers through when asked", async () => {
    const { origin } = await listen((_req, res) => res.setHeader('x-answer', '42').end());
    await using pool = createHttpPool();
    const { headers, body } = await pool.request(origin, { responseHeaders: 'raw' });
    await body.dump();
    const raw = (headers as unknown as Buffer[]).map(String);
    expect(raw[raw.indexOf('x-answer') + 1]).toBe('42');
  });

  it('aborts a request through its signal', async () => {
    const { origin } = await listen(() => {
      /* never answers */
    });
    await using pool = createHttpPool();
    const controller = new AbortController();
    const pending = pool.request(origin, { signal: controller.signal });
    setImmediate(() => controller.abort(new Error('caller gave up')));
    await expect(pending).rejects.toThrow('caller gave up');
  });

  it('close waits for requests in flight, then refuses new ones', async () => {
    const { promise: answer, resolve: arrived } = Promise.withResolvers<() => void>();
    const { origin } = await listen((_req, res) => arrived(() => res.end('late')));
    const pool = createHttpPool();
    const inFlight = pool.request(origin).then((r) => r.body.text());
    const release = await answer;
    const closing = pool.close();
    release();
    await expect(inFlight).resolves.toBe('late');
    await closing;
    await expect(pool.request(origin)).rejects.toBeInstanceOf(PoolClosedError);
    // Closing again, or disposing, is a no-op rather than undici's ClientDestroyedError.
    await expect(pool.close()).resolves.toBeUndefined();
    await expect(pool[Symbol.asyncDispose]()).resolves.toBeUndefined();
  });

  it('destroy aborts requests in flight', async () => {
    const { promise: arrived, resolve } = Promise.withResolvers<void>();
    const { origin } = await listen(() => resolve());
    const pool = createHttpPool();
    const inFlight = pool.request(origin);
    await arrived;
    await pool.destroy();
    await expect(inFlight).rejects.toBeInstanceOf(PoolClosedError);
    await expect(pool.destroy()).resolves.toBeUndefined();
    await expect(pool.close()).resolves.toBeUndefined();
  });

  it.each([
    [{ connections: 0 }, 'options.connections'],
    [{ pipelining: 1.5 }, 'options.pipelining'],
    [{ headersTimeoutMs: -1 }, 'options.headersTimeoutMs'],
    [{ bodyTimeoutMs: Number.NaN }, 'options.bodyTimeoutMs'],
  ])('rejects %o naming %s', (options, name) => {
    expect(() => createHttpPool(options)).toThrow(TypeError);
    expect(() => createHttpPool(options)).toThrow(name);
  });
});
