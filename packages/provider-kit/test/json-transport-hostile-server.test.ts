import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createJsonTransport,
  type JsonTransport,
  ProviderArgumentError,
  ProviderBadRequestError,
  ProviderUpstreamError,
} from '../src/index.ts';

const servers: Server[] = [];
const transports: JsonTransport[] = [];

async function serving(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer((req, res) => req.resume().on('end', () => handler(req, res)));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  const transport = createJsonTransport({
    provider: 'test',
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    headers: {},
    secrets: [],
  });
  transports.push(transport);
  return transport;
}

afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

describe('createJsonTransport against a hostile server', () => {
  it('keeps a multi-byte character of an error body whole when it is split across chunks', async () => {
    const message = 'quota épuisée — 請稍後再試 🙂';
    const bytes = Buffer.from(JSON.stringify({ error: { message } }));
    const transport = await serving((_, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      // One byte per write: every multi-byte character arrives split.
      const write = (at: number): void => {
        if (at === bytes.length) return void res.end();
        res.write(bytes.subarray(at, at + 1), () => setImmediate(write, at + 1));
      };
      write(0);
    });
    const error = await transport.post('/x', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderBadRequestError);
    expect((error as ProviderBadRequestError).upstreamMessage).toBe(message);
  });

  it('reports a truncated success body as a typed upstream failure', async () => {
    const transport = await serving((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"id":');
      setImmediate(() => res.socket?.destroy());
    });
    await expect(transport.postJson('/x', {})).rejects.toBeInstanceOf(ProviderUpstreamError);
  });

  it('reports an HTML page with a 200 as a typed upstream failure, not a parse crash', async () => {
    const transport = await serving((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
    });
    await expect(transport.postJson('/x', {})).rejects.toBeInstanceOf(ProviderUpstreamError);
  });

  it('does not follow a redirect: it is an upstream failure with its status', async () => {
    const transport = await serving((req, res) => {
      res.writeHead(302, { location: `${req.url}/elsewhere` }).end();
    });
    const error = await transport.post('/x', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUpstreamError);
    expect((error as ProviderUpstreamError).status).toBe(302);
  });
});

describe('createJsonTransport options of the wrong kind', () => {
  const base = { provider: 'p', baseURL: 'http://127.0.0.1:9', headers: {}, secrets: [] };
  it.each([
    ['secrets: null', { secrets: null }],
    ['secrets holding a number', { secrets: [5] }],
    ['headers: null', { headers: null }],
    ['a numeric header', { headers: { 'x-a': 5 } }],
    ['an empty provider', { provider: '' }],
    ['a numeric provider', { provider: 5 }],
  ])('rejects %s with its typed error when created', (_, field) => {
    expect(() => createJsonTransport({ ...base, ...field } as never)).toThrow(
      ProviderArgumentError,
    );
  });

  it('redacts with valid secrets once an error response arrives', async () => {
    const transport = await serving((_, res) => {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"error":"bad key sk-abcdefgh12345"}');
    });
    const error = await transport.post('/x', {}).catch((e: unknown) => e);
    expect((error as { upstreamMessage: string }).upstreamMessage).not.toContain('abcdefgh12345');
  });
});
