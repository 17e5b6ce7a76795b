import { isHotpathError } from '@hotpath/protocol';
import { churnFixture, leakyFixture } from '@hotpath/testing';
import { expect, it } from 'vitest';
import { expectNoLeak, LeakDetectedError } from '../src/index.ts';
import { formatBytes } from '../src/internal/format.ts';

it('fails on the leaky fixture with the growth per round, the slope and R² in the message', async () => {
  // 4 KiB × 200 per round is far above the post-GC noise of a machine running other test files.
  const error = await expectNoLeak(leakyFixture(4096).run, { iterations: 200, rounds: 6 }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LeakDetectedError);
  expect(isHotpathError(error, 'HOTPATH_MEMORY_LEAK_DETECTED')).toBe(true);
  const { message, report } = error as LeakDetectedError;
  expect(report.growth).toHaveLength(6);
  expect(message).toContain(`(${report.slope.toFixed(1)} B/iteration`);
  expect(message).toContain(`in ${report.growthSteps} of 6 rounds of 200 iterations`);
  expect(message).toContain(`sign test p = ${report.pValue.toPrecision(2)}`);
  // One round can free or retain more than the others (a MiB here, a few hundred KiB there).
  const rounds = report.growth.map((g) => formatBytes(g, true)).join(', ');
  expect(message).toContain(`Post-GC growth per round: ${rounds}.`);
  expect(message).toContain(
    'Rule: robust growth > 32 B/iteration, and growing rounds with p ≤ 0.05.',
  );
});

it('passes on the clean fixture and returns the report', async () => {
  const report = await expectNoLeak(churnFixture().run, { iterations: 40, rounds: 6 });
  expect(report.leak).toBe(false);
  expect(report.growth).toHaveLength(6);
});
