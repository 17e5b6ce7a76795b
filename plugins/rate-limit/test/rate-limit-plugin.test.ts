import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createMemoryStore } from '@hotpath/executor';
import { createTestHost } from '@hotpath/host-testing';
import type { StreamDelta, Usage } from '@hotpath/protocol';
import { isRateLimited } from '@hotpath/provider-kit';
import { toArray } from '@hotpath/testing';
import { describe, expect, it } from 'vitest';
import { RateLimitArgumentError, rateLimitPlugin } from '../src/index.ts';

const HOUR = 3_600_000;
const TPM = { key: 'hotpath:tpm', capacity: 10_000, intervalMs: HOUR };

function total(usage: Usage): number {
  return usage.inputTokens + usage.outputTokens;
}

describe('rate-limit plugin', () => {
  it('spreads a burst over a small requests/min limit: only the limit runs before a refill', async () => {
    // 3 requests per 3 s: one request comes back per second, so 5 calls need two refills.
    const rateLimit = rateLimitPlugin({ limits: [{ name: 'rpm', limit: 3, intervalMs: 3_000 }] });
    await using t = await createTestHost({ plugins: [rateLimit] });
    const acquiredAtWaits: number[] = [];
    // setImmediate runs after the granted callers' continuations and before any wait can end.
    const onWait = (): void => {
      setImmediate(() => acquiredAtWaits.push(rateLimit.service.stats().acquired));
    };
    subscribe('hotpath:executor:rate-limit-wait', onWait);
    try {
      const answers = await Promise.all(
        Array.from({ length: 5 }, (_, i) => t.host.complete(t.request(`burst ${i}`))),
      );
      expect(answers).toHaveLength(5);
    } finally {
      unsubscribe('hotpath:executor:rate-limit-wait', onWait);
    }
    expect(acquiredAtWaits[0]).toBe(3);
    expect(acquiredAtWaits.length).toBeGreaterThanOrEqual(2);
    expect(t.sim.stats().routes['openai.chat']).toBe(5);
    expect(rateLimit.service.stats().acquired).toBe(5);
  }, 60_000);

  it('a 429 pauses every caller, hands the reservation back and is passed on', async () => {
    const rateLimit = rateLimitPlugin({ limits: [{ name: 'rpm', limit: 100 }] });
    const paused: unknown[] = [];
    const onPause = (message: unknown): void => {
      paused.push(message);
    };
    subscribe('hotpath:plugin-rate-limit:rate-limited', onPause);
    try {
      await using t = await createTestHost({ plugins: [rateLimit] });
      await expect(
        t.host.complete(t.request('limited'), { headers: { 'x-sim-fault': '429' } }),
      ).rejects.toSatisfy(isRateLimited);
      // The provider retried once (its rateLimitRetry default) and passed the second 429 on;
      // the plugin itself never retries.
      expect(t.sim.stats().routes['openai.chat']).toBe(2);
    } finally {
      unsubscribe('hotpath:plugin-rate-limit:rate-limited', onPause);
    }
    expect(paused).toEqual([{ pauseMs: 1_000 }]);
    expect(rateLimit.service.stats()).toMatchObject({ rateLimited: 1, acquired: 1 });
  }, 60_000);

  it('a stream refused with a 429 is passed on the same way', async () => {
    const rateLimit = rateLimitPlugin({ limits: [{ name: 'rpm', limit: 100 }] });
    await using t = await createTestHost({ plugins: [rateLimit] });
    const stream = t.host.stream(t.request('limited stream'), {
      headers: { 'x-sim-fault': '429' },
    });
    await expect(toArray(stream)).rejects.toSatisfy(isRateLimited);
    expect(rateLimit.service.stats()).toMatchObject({ rateLimited: 1, acquired: 1 });
  }, 60_000);

  it('reconciles a completion with its real usage and refunds the unused estimate', async () => {
    const store = createMemoryStore();
    const rateLimit = rateLimitPlugin({
      store,
      limits: [{ name: 'tpm', unit: 'tokens', limit: 10_000, intervalMs: HOUR }],
      estimateTokens: () => 2_000,
    });
    await using t = await createTestHost({
      plugins: [rateLimit],
      simulator: { responseTokens: 20 },
    });
    const answer = await t.host.complete(t.request('count me'));
    const used = total(answer.usage);
    expect(rateLimit.service.stats()).toMatchObject({
      estimatedTokens: 2_000,
      usedTokens: used,
      refundedTokens: 2_000 - used,
    });
    // Without the refund only 8,000 would be left.
    expect(store.take([TPM], [10_000 - used - 1], Date.now()).ok).toBe(true);
  }, 60_000);

  it('reconciles a stream with the usage delta', async () => {
    const store = createMemoryStore();
    const rateLimit = rateLimitPlugin({
      store,
      limits: [{ name: 'tpm', unit: 'tokens', limit: 10_000, intervalMs: HOUR }],
      estimateTokens: () => 2_000,
    });
    await using t = await createTestHost({
      plugins: [rateLimit],
      simulator: { responseTokens: 20 },
    });
    const deltas: StreamDelta[] = [];
    for await (const delta of t.host.stream(t.request('stream me'))) deltas.push(delta);
    const usage = deltas.find((d) => d.type === 'usage');
    expect(usage).toBeDefined();
    const used = usage?.type === 'usage' ? total(usage.usage) : -1;
    expect(rateLimit.service.stats()).toMatchObject({
      usedTokens: used,
      refundedTokens: 2_000 - used,
    });
    expect(store.take([TPM], [10_000 - used - 1], Date.now()).ok).toBe(true);
  }, 60_000);

  it('provides a typed rate-limit service whose update() applies provider headers', async () => {
    const store = createMemoryStore();
    const rateLimit = rateLimitPlugin({
      store,
      limits: [{ name: 'rpm', limit: 100, intervalMs: HOUR }],
    });
    await using t = await createTestHost({ plugins: [rateLimit] });
    const service = t.host.service('rate-limit');
    expect(service).toBe(rateLimit.service);
    await service.update({ limitRequests: 100, remainingRequests: 2, resetRequestsMs: 1_000 });
    const rpm = { key: 'hotpath:rpm', capacity: 100, intervalMs: HOUR };
    const now = Date.now();
    expect(store.take([rpm], [2], now).ok).toBe(true);
    expect(store.take([rpm], [1], now).ok).toBe(false);
    expect(service.stats().updates).toBe(1);
  }, 60_000);

  it('rejects bad options with a TypeError naming the option', () => {
    const limits = [{ name: 'rpm', limit: 1 }];
    expect(() => rateLimitPlugin({ limits, retries: 1 as 0 })).toThrow(RateLimitArgumentError);
    expect(() => rateLimitPlugin({ limits, retries: 1 as 0 })).toThrow(/rateLimitRetry/);
    expect(() => rateLimitPlugin({ limits, fallbackPauseMs: Number.NaN })).toThrow(
      /options\.fallbackPauseMs/,
    );
  });
});
