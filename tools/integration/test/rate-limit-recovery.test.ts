import { join } from 'node:path';
import { cachePlugin } from '@hotpath/plugin-cache';
import { rateLimitPlugin } from '@hotpath/plugin-rate-limit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFullHost } from '../src/index.ts';
import { drain, tempDir } from './helpers.ts';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('hotpath-integration-rate-limit-');
});
afterEach(() => dir.remove());

// The simulator enforces 2 requests per 3 s window and answers a real 429 with Retry-After
// (whole seconds, rounded up, so the pause always outlasts the window).
const simulator = { rateLimit: { requests: 2, windowMs: 3_000 } };
/** The provider retries a 429 up to 3 times after its Retry-After: 429s are retried there only. */
const retrying = { apiKey: 'sk-integration', rateLimitRetry: { retries: 3 } };

describe('full host: a 429 from the upstream, then recovery', () => {
  it('the provider retries the refused calls after Retry-After: 4 calls succeed after 2 refusals', async () => {
    const rateLimit = rateLimitPlugin({ limits: [{ name: 'rpm', limit: 1_000 }] });
    await using t = await startFullHost({ plugins: [rateLimit], simulator, openai: retrying });
    const answers = await Promise.all(
      [1, 2, 3, 4].map((i) => t.host.complete(t.request(`question ${i}`))),
    );
    for (const answer of answers) expect(answer.message.content).toBeTruthy();
    const stats = t.sim.stats();
    expect(stats.statuses['429']).toBe(2);
    expect(stats.rateLimited).toBe(2);
    expect(stats.statuses['200']).toBe(4);
    expect(stats.routes['openai.chat']).toBe(6);
    // One reservation per call: the retries happened inside the provider, below the limiter.
    expect(rateLimit.service.stats()).toMatchObject({ rateLimited: 0, acquired: 4 });
  }, 60_000);

  it('the provider retries a stream refused before its first delta; the cache in front stores it', async () => {
    const rateLimit = rateLimitPlugin({ limits: [{ name: 'rpm', limit: 1_000 }] });
    await using t = await startFullHost({
      // Listed first, the cache answers repeats before they reach the limiter.
      plugins: [cachePlugin({ sqlitePath: join(dir.path, 'cache.sqlite') }), rateLimit],
      simulator,
      openai: retrying,
    });
    await t.host.complete(t.request('fill the window'));
    await t.host.complete(t.request('fill it again'));
    const deltas = await drain(t.host.stream(t.request('refused first')));
    expect(deltas.at(-1)).toMatchObject({ type: 'finish' });
    const replay = await drain(t.host.stream(t.request('refused first')));
    expect(replay).toEqual(deltas);
    const stats = t.sim.stats();
    expect(stats.statuses['429']).toBe(1);
    expect(stats.statuses['200']).toBe(3);
    expect(stats.streamsCompleted).toBe(1);
    expect(rateLimit.service.stats()).toMatchObject({ rateLimited: 0, acquired: 3 });
  }, 60_000);
});
