import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CompletionResult, RateLimitInfo } from '@hotpath/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHttpProvider,
  type HttpProvider,
  isRateLimited,
  isRetryable,
  ProviderArgumentError,
  ProviderRateLimitedError,
  type RateLimitRetryOptions,
} from '../src/index.ts';

const answer: CompletionResult = {
  model: 'm',
  message: { role: 'assistant', content: 'ok' },
  usage: { inputTokens: 1, outputTokens: 1 },
  finishReason: 'stop',
};
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A server that answers the first `refusals` requests with a 429 asking to wait `retryAfterMs`. */
async function refusing(refusals: number, retryAfterMs: string | undefined) {
  const hits = { count: 0 };
  const server = createServer((req, res) => {
    req.resume().on('end', () => {
      if (hits.count++ < refusals) {
        const wait = retryAfterMs === undefined ? {} : { 'retry-after-ms': retryAfterMs };
        res.writeHead(429, { 'content-type': 'application/json', ...wait });
        res.end('{"error":{"message":"slow down"}}');
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-ratelimit-remaining-requests': '9',
      });
      res.end('{"text":"ok"}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(async () => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

function provider(
  url: string,
  rateLimitRetry: RateLimitRetryOptions | undefined,
  seen: RateLimitInfo[] = [],
): HttpProvider {
  const created = createHttpProvider({
    transport: { provider: 'test', baseURL: url, headers: {}, secrets: [] },
    complete: { path: '/chat', body: (r) => r, result: () => answer },
    stream: {
      path: '/chat',
      body: (r) => r,
      async *decode(body) {
        for await (const _ of body);
        yield { type: 'finish', reason: 'stop' };
      },
    },
    onRateLimit: (info) => seen.push(info),
    rateLimitRetry,
  });
  closers.push(() => created.close());
  return created;
}

const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('the 429 retry of every HTTP provider', () => {
  it('retries a 429 once by default, with the headers of both refusals reported', async () => {
    const { url, hits } = await refusing(2, '5');
    const seen: RateLimitInfo[] = [];
    const error = await provider(url, undefined, seen)
      .complete(request)
      .catch((e: unknown) => e);
    expect(isRateLimited(error)).toBe(true);
    expect(hits.count).toBe(2);
    expect(seen).toEqual([{ retryAfterMs: 5 }, { retryAfterMs: 5 }]);
  });

  it('passes a 429 on at once with { retries: 0 }', async () => {
    const { url, hits } = await refusing(1, '5');
    const error = await provider(url, { retries: 0 })
      .complete(request)
      .catch((e: unknown) => e);
    expect(isRateLimited(error)).toBe(true);
    expect(hits.count).toBe(1);
  });

  it('retries after the wait the upstream asked for, and reports both answers', async () => {
    const { url, hits } = await refusing(1, '5');
    const seen: RateLimitInfo[] = [];
    expect(await provider(url, { retries: 1 }, seen).complete(request)).toEqual(answer);
    expect(hits.count).toBe(2);
    expect(seen).toEqual([{ retryAfterMs: 5 }, { remainingRequests: 9 }]);
  });

  it('retries a stream before its first byte', async () => {
    const { url, hits } = await refusing(2, '1');
    const deltas = [];
    for await (const delta of provider(url, { retries: 2 }).stream(request)) deltas.push(delta);
    expect(deltas).toEqual([{ type: 'finish', reason: 'stop' }]);
    expect(hits.count).toBe(3);
  });

  it('passes the last 429 on after its retries, typed and with its delay', async () => {
    const { url, hits } = await refusing(5, '1');
    const error = await provider(url, { retries: 2 })
      .complete(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderRateLimitedError);
    expect(isRateLimited(error) && error.retryAfterMs).toBe(1);
    expect(isRetryable(error)).toBe(true);
    expect(hits.count).toBe(3);
  });

  it('passes a 429 on at once when it asks for more than maxWaitMs', async () => {
    const { url, hits } = await refusing(1, '60000');
    const error = await provider(url, { retries: 1, maxWaitMs: 1_000 })
      .complete(request)
      .catch((e: unknown) => e);
    expect(isRateLimited(error)).toBe(true);
    expect(hits.count).toBe(1);
  });

  it('waits fallbackWaitMs when the 429 names no delay', async () => {
    const { url, hits } = await refusing(1, undefined);
    await provider(url, { retries: 1, fallbackWaitMs: 1 }).complete(request);
    expect(hits.count).toBe(2);
  });

  it('ends the wait at once when the caller aborts, with the caller’s reason', async () => {
    const { url, hits } = await refusing(1, '60000');
    const controller = new AbortController();
    const reason = new Error('user left');
    const pending = provider(url, { retries: 1, maxWaitMs: 120_000 })
      .complete(request, { signal: controller.signal })
      .catch((e: unknown) => e);
    await expect.poll(() => hits.count).toBe(1);
    controller.abort(reason);
    expect(await pending).toBe(reason);
  });

  it('rejects a bad policy with HOTPATH_PROVIDER_INVALID_ARGUMENT', async () => {
    const { url } = await refusing(0, undefined);
    for (const bad of [{ retries: -1 }, { retries: 1.5 }, { maxWaitMs: Number.NaN }]) {
      expect(() => provider(url, bad)).toThrow(ProviderArgumentError);
    }
  });
});
