import { createTestHost } from '@hotpath/host-testing';
import { startRedisServer } from '@hotpath/testing';
import { expect, it, vi } from 'vitest';
import { createRedisRateLimitStore, rateLimitPlugin } from '../src/index.ts';

it('two hosts sharing one Redis store together send no more than the limit', async () => {
  await using redis = await startRedisServer();
  await using storeA = createRedisRateLimitStore({ url: redis.url, prefix: 'hosts' });
  await using storeB = createRedisRateLimitStore({ url: redis.url, prefix: 'hosts' });
  // 3 requests per hour: nothing refills while the test runs.
  const limits = [{ name: 'rpm', limit: 3, intervalMs: 3_600_000 }];
  await using a = await createTestHost({ plugins: [rateLimitPlugin({ store: storeA, limits })] });
  await using b = await createTestHost({ plugins: [rateLimitPlugin({ store: storeB, limits })] });
  const controller = new AbortController();
  const options = { signal: controller.signal };
  let done = 0;
  const calls = [a, b, a, b].map((t, i) =>
    t.host.complete(t.request(`shared ${i}`), options).then(
      () => {
        done++;
        return 'ok';
      },
      (error: unknown) => (error === controller.signal.reason ? 'aborted' : error),
    ),
  );
  const sent = (): number =>
    a.sim.stats().routes['openai.chat'] + b.sim.stats().routes['openai.chat'];
  await vi.waitFor(() => expect(done).toBe(3), { timeout: 30_000 });
  controller.abort();
  const outcomes = await Promise.all(calls);
  expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
  expect(outcomes.filter((o) => o === 'aborted')).toHaveLength(1);
  expect(sent()).toBe(3);
}, 60_000);
