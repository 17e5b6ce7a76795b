import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ContextLengthError,
  createJsonTransport,
  ProviderArgumentError,
  ProviderAuthError,
  ProviderBadRequestError,
  type ProviderRateLimitedError,
  ProviderTimeoutError,
  ProviderUpstreamError,
} from '../src/index.ts';

const KEY = 'sk-live-abcdefghijklmnop';
const servers: Server[] = [];

async function answering(status: number, body: string, headers: Record<string, string> = {}) {
  const seen: Record<string, string | string[] | undefined>[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume().on('end', () => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  const transport = createJsonTransport({
    provider: 'test',
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    headers: { authorization: `Bearer ${KEY}` },
    secrets: [KEY],
  });
  return { transport, seen };
}

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function failure(status: number, body: string, headers?: Record<string, string>) {
  const { transport } = await answering(status, body, headers);
  try {
    return await transport.postJson('/chat', { a: 1 }).catch((error: unknown) => error);
  } finally {
    await transport.close();
  }
}

describe('createJsonTransport', () => {
  it('posts JSON with the configured headers and parses the answer', async () => {
    const { transport, seen } = await answering(200, '{"ok":true}', {
      'x-ratelimit-remaining-requests': '7',
    });
    const { data, response } = await transport.postJson<{ ok: boolean }>(
      '/chat',
      { q: 1 },
      { headers: { 'x-extra': '1' } },
    );
    expect(data).toEqual({ ok: true });
    expect(response.rateLimit).toEqual({ remainingRequests: 7 });
    expect(seen[0]).toMatchObject({
      authorization: `Bearer ${KEY}`,
      'content-type': 'application/json',
      'x-extra': '1',
    });
    await transport.close();
  });

  it.each([
    [
      401,
      '{"error":{"message":"Incorrect API key provided: sk-live-abcdefghijklmnop"}}',
      ProviderAuthError,
    ],
    [403, '{"error":"forbidden"}', ProviderAuthError],
    [400, '{"error":{"message":"Unknown parameter: foo"}}', ProviderBadRequestError],
    [404, '{"error":{"message":"model not found"}}', ProviderBadRequestError],
    [
      400,
      '{"error":{"message":"This model\'s maximum context length is 8192 tokens","code":"context_length_exceeded"}}',
      ContextLengthError,
    ],
    [
      400,
      '{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}}',
      ContextLengthError,
    ],
    [500, 'upstream exploded', ProviderUpstreamError],
    [
      529,
      '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      ProviderUpstreamError,
    ],
    [504, '', ProviderTimeoutError],
  ])('maps %i to a typed error', async (status, body, type) => {
    const error = (await failure(status, body)) as InstanceType<typeof type>;
    expect(error).toBeInstanceOf(type);
    expect(error.status).toBe(status);
    expect(error.provider).toBe('test');
    expect(`${error.message} ${error.upstreamMessage}`).not.toContain(KEY);
  });

  it('maps 429 with the retry delay from retry-after or the reset headers', async () => {
    const withRetryAfter = (await failure(429, '{"error":{"message":"slow down"}}', {
      'retry-after': '2',
    })) as ProviderRateLimitedError;
    expect(withRetryAfter.retryAfterMs).toBe(2000);
    expect(withRetryAfter.code).toBe('HOTPATH_PROVIDER_RATE_LIMITED');
    const withReset = (await failure(429, '{}', {
      'x-ratelimit-remaining-tokens': '0',
      'x-ratelimit-reset-tokens': '1.5s',
    })) as ProviderRateLimitedError;
    expect(withReset.retryAfterMs).toBe(1500);
    expect(withReset.rateLimit).toMatchObject({ remainingTokens: 0 });
  });

  it('reports an unparsable success body as an upstream failure', async () => {
    const error = await failure(200, '{"choices": [');
    expect(error).toBeInstanceOf(ProviderUpstreamError);
  });

  it('reports a refused connection as an upstream failure and keeps the caller abort reason', async () => {
    const transport = createJsonTransport({
      provider: 'test',
      baseURL: 'http://127.0.0.1:1',
      headers: {},
      secrets: [],
    });
    await expect(transport.post('/x', {})).rejects.toBeInstanceOf(ProviderUpstreamError);
    const reason = new Error('caller left');
    await expect(transport.post('/x', {}, { signal: AbortSignal.abort(reason) })).rejects.toBe(
      reason,
    );
    await transport.close();
  });

  it('rejects a base URL that is not http(s)', () => {
    expect(() =>
      createJsonTransport({ provider: 't', baseURL: 'ftp://x', headers: {}, secrets: [] }),
    ).toThrow(ProviderArgumentError);
  });
});
