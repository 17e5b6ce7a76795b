import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpPool } from '../src/index.ts';

const servers: Server[] = [];

/**
 * A raw HTTP/1.1 server that answers the first request on each connection and
 * closes the connection, without a byte of answer, when a second request
 * arrives on it: the race of a keep-alive socket the server just timed out.
 */
async function staleServer(options: { closeFirst?: boolean } = {}) {
  const seen = { connections: 0, requests: 0 };
  const server = createServer((socket: Socket) => {
    seen.connections++;
    let served = 0;
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      while (buffer.includes('\r\n\r\n')) {
        const end = buffer.indexOf('\r\n\r\n') + 4;
        const length = Number(/content-length: (\d+)/i.exec(buffer.slice(0, end))?.[1] ?? 0);
        if (buffer.length < end + length) return;
        buffer = buffer.slice(end + length);
        seen.requests++;
        if (served++ > 0 || options.closeFirst) return void socket.destroy();
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nkeep-alive: timeout=60\r\n\r\nok');
      }
    });
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

const post = { method: 'POST', body: '{"prompt":"hi"}' } as const;

describe('stale keep-alive sockets', () => {
  it('retries a POST once on a fresh socket when a reused socket closes before any byte', async () => {
    const { origin, seen } = await staleServer();
    await using pool = createHttpPool({ connections: 1 });
    expect(await (await pool.request(origin, post)).body.text()).toBe('ok');
    expect(await (await pool.request(origin, post)).body.text()).toBe('ok');
    expect(seen).toEqual({ connections: 2, requests: 3 });
    expect(pool.stats()[0]!.staleRetries).toBe(1);
  });

  it('does not retry when the socket was fresh: the server may have acted on it', async () => {
    const { origin, seen } = await staleServer({ closeFirst: true });
    await using pool = createHttpPool({ connections: 1 });
    await expect(pool.request(origin, post)).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect(seen.requests).toBe(1);
    expect(pool.stats()[0]!.staleRetries).toBe(0);
  });

  it('does not retry when retryStaleSockets is off', async () => {
    const { origin, seen } = await staleServer();
    await using pool = createHttpPool({ connections: 1, retryStaleSockets: false });
    await (await pool.request(origin, post)).body.text();
    await expect(pool.request(origin, post)).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect(seen.requests).toBe(2);
  });

  it('does not retry a streamed body, which cannot be replayed', async () => {
    const { origin, seen } = await staleServer();
    await using pool = createHttpPool({ connections: 1 });
    await (await pool.request(origin, post)).body.text();
    const body = Readable.from([Buffer.from('{"prompt":'), Buffer.from('"hi"}')]);
    const streamed = pool.request(origin, { method: 'POST', body });
    await expect(streamed).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect(seen.requests).toBe(2);
  });
});
