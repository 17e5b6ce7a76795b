import { createMemoryStore } from '@hotpath/executor';
import { createHost } from '@hotpath/host';
import { createOpenAIProvider } from '@hotpath/plugin-openai';
import { startSimulator } from '@hotpath/simulator';
import { describe, expect, it, vi } from 'vitest';
import { rateLimitPlugin } from '../src/index.ts';

const HOUR = 3_600_000;

describe('rate-limit plugin wired to createOpenAIProvider({ onRateLimit })', () => {
  it('follows the x-ratelimit headers the provider reports', async () => {
    await using sim = await startSimulator({
      port: 0,
      rateLimit: { requests: 10, windowMs: HOUR },
    });
    const store = createMemoryStore();
    const rateLimit = rateLimitPlugin({
      store,
      limits: [{ name: 'rpm', limit: 100, intervalMs: HOUR }],
    });
    await using provider = createOpenAIProvider({
      baseURL: `${sim.url}/v1`,
      apiKey: 'sk-test',
      onRateLimit: (info) => rateLimit.service.update(info),
    });
    await using host = createHost({ provider, plugins: [rateLimit] });
    await host.ready();
    await host.complete({ model: 'sim-small', messages: [{ role: 'user', content: 'hi' }] });
    await vi.waitFor(() => expect(rateLimit.service.stats().updates).toBe(1));
    // The simulator allows 10 per window and has seen 1: the limiter shrank from 100 to 9 left.
    const rpm = { key: 'hotpath:rpm', capacity: 10, intervalMs: HOUR };
    const now = Date.now();
    expect(store.take([rpm], [9], now).ok).toBe(true);
    expect(store.take([rpm], [1], now).ok).toBe(false);
  }, 60_000);

  it('a 429 the provider retries reaches the limiter through onRateLimit, not as a failure', async () => {
    await using sim = await startSimulator({
      port: 0,
      rateLimit: { requests: 1, windowMs: 1_000 },
    });
    // The limit ignores the reported budget (`fromHeaders: false`), so only the 429 slows it.
    const rateLimit = rateLimitPlugin({
      limits: [{ name: 'rpm', limit: 100, intervalMs: HOUR, fromHeaders: false }],
    });
    await using provider = createOpenAIProvider({
      baseURL: `${sim.url}/v1`,
      apiKey: 'sk-test',
      onRateLimit: (info) => rateLimit.service.update(info),
      rateLimitRetry: { retries: 1 },
    });
    await using host = createHost({ provider, plugins: [rateLimit] });
    await host.ready();
    const request = { model: 'sim-small', messages: [{ role: 'user' as const, content: 'hi' }] };
    await host.complete(request);
    // The second call is refused (1 per second), waits the Retry-After and succeeds on the retry.
    const answer = await host.complete(request);
    expect(answer.message.content).toBeTruthy();
    expect(sim.stats().statuses['429']).toBe(1);
    await vi.waitFor(() => expect(rateLimit.service.stats().updates).toBe(3));
    expect(rateLimit.service.stats()).toMatchObject({ acquired: 2, rateLimited: 0 });
  }, 60_000);
});
