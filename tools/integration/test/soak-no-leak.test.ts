import type { Plugin } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import { formatSoak, runSoak } from '../src/soak.ts';

// A smaller soak than `pnpm run soak` (100,000 requests): the L1 and hot set are scaled down so
// the L1 still fills during the warm-up rounds.
const small = { requests: 20_000, l1Entries: 300, hotPrompts: 100 } as const;

/** Keeps every completion request it sees: a leak of a few hundred bytes per call. */
function leakyPlugin(kept: unknown[]): Plugin {
  return {
    name: 'leaky',
    setup(context) {
      context.wrap('complete', (next) => (request, ctx) => {
        kept.push({ request, at: `${request.model}:${kept.length}` });
        return next(request, ctx);
      });
    },
  };
}

describe('soak: the full host with the cache plugin under the leak detector', () => {
  it('serves 20,000 mixed requests without a leak; every miss is one upstream request', async () => {
    const report = await runSoak(small);
    expect(report.failures).toBe(0);
    expect(report.requests).toBe(20_040);
    expect(report.statuses.miss).toBe(report.upstreamRequests);
    // Every call is a hit, a miss, or shared one in flight (the cache's flight tells them apart).
    const { hit = 0, shared = 0, miss = 0 } = report.statuses;
    expect(hit + shared + miss).toBe(report.requests);
    expect(report.hitRate).toBeGreaterThan(0.8);
    expect(report.streams).toBeGreaterThan(0);
    expect(report.l1Entries).toBe(300);
    // The whole report on failure: a false alarm must be diagnosable from the CI log alone.
    expect(report.leak.leak, formatSoak(report)).toBe(false);
  }, 180_000);

  it('flags a plugin that keeps every request', async () => {
    const kept: unknown[] = [];
    const report = await runSoak({ ...small, plugins: [leakyPlugin(kept)] });
    expect(kept.length).toBeGreaterThan(15_000);
    expect(report.leak.leak).toBe(true);
  }, 180_000);
});
