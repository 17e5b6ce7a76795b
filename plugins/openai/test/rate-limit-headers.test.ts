import type { RateLimitInfo } from '@hotpath/provider-kit';
import { ProviderRateLimitedError } from '@hotpath/provider-kit';
import { startSimulator } from '@hotpath/simulator';
import { describe, expect, it } from 'vitest';
import { createOpenAIProvider } from '../src/index.ts';

const request = { model: 'sim-small', messages: [{ role: 'user' as const, content: 'hi' }] };

describe('rate-limit headers', () => {
  it('surfaces the upstream budget of every response through onRateLimit', async () => {
    await using sim = await startSimulator({ rateLimit: { requests: 10, tokens: 100_000 } });
    const seen: RateLimitInfo[] = [];
    await using provider = createOpenAIProvider({
      baseURL: `${sim.url}/v1`,
      apiKey: 'sk-test',
      onRateLimit: (info) => seen.push(info),
    });
    await provider.complete(request);
    for await (const _ of provider.stream(request));
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({ limitRequests: 10, remainingRequests: 9 });
    expect(seen[1]).toMatchObject({ limitRequests: 10, remainingRequests: 8 });
  });

  it('rejects past the enforced window with the delay the upstream asked for', async () => {
    await using sim = await startSimulator({ rateLimit: { requests: 1, windowMs: 60_000 } });
    const seen: RateLimitInfo[] = [];
    await using provider = createOpenAIProvider({
      baseURL: `${sim.url}/v1`,
      apiKey: 'sk-test',
      onRateLimit: (info) => seen.push(info),
    });
    await provider.complete(request);
    const error = (await provider
      .complete(request)
      .catch((e: unknown) => e)) as ProviderRateLimitedError;
    expect(error).toBeInstanceOf(ProviderRateLimitedError);
    expect(error.rateLimit?.remainingRequests).toBe(0);
    expect(error.retryAfterMs).toBeGreaterThan(0);
    // Not retried (rateLimitRetry is off by default); its headers reached the listener too.
    expect(seen.at(-1)).toMatchObject({ remainingRequests: 0 });
    expect(sim.stats().requests).toBe(2);
  });
});
