import { describe, expect, it } from 'vitest';
import { runGatewaySoak } from '../src/gateway-soak.ts';

// A smaller gateway soak than `pnpm run gateway-soak` (200,000 requests): a scaled-down L1 so it
// fills during the warm-up rounds, and a threshold with room for the noise of a short run (an
// injected leak of one kept event per call retains about 150 bytes per request).
const small = { requests: 20_000, l1Entries: 300, leakBytesPerRequest: 16 } as const;

describe('gateway soak: the gateway in its own process under the leak detector', () => {
  it('answers 20,000 mixed requests at concurrency 64 with no 5xx, no wrong answer and no leak', async () => {
    const report = await runGatewaySoak(small);
    expect(report.requests).toBe(20_736);
    expect(report.serverErrors).toBe(0);
    expect(report.wrong).toBe(0);
    const kinds = new Set(Object.keys(report.answers).map((key) => key.split(':')[0]));
    expect([...kinds].sort()).toEqual(
      ['abort', 'bad-request', 'hit', 'miss', 'stream', 'stream-abort', 'uncacheable'].sort(),
    );
    expect(report.answers['bad-request:400']).toBeGreaterThan(0);
    expect(report.leak.leak).toBe(false);
  }, 180_000);

  it('flags a gateway that keeps every answered call', async () => {
    const report = await runGatewaySoak({ ...small, injectLeak: true });
    expect(report.leak.leak).toBe(true);
    expect(report.leak.slope / report.concurrency).toBeGreaterThan(16);
  }, 180_000);
});
