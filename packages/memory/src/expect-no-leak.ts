import {
  type DetectLeakOptions,
  detectLeak,
  type LeakReport,
  type LeakWorkload,
} from './detect-leak.ts';
import { LeakDetectedError } from './errors.ts';
import { formatBytes } from './internal/format.ts';

/** Options for {@link expectNoLeak}: the same as {@link detectLeak}'s. */
export type ExpectNoLeakOptions = DetectLeakOptions;

/** The failure message: slope, fit, streak, the rule, and the growth of every round. */
export function describeLeak(report: LeakReport): string {
  const { rule } = report;
  return [
    `Memory leak: ${formatBytes(report.bytesPerIteration)} retained per iteration ` +
      `(slope ${report.bytesPerIteration.toFixed(1)} B/iteration, ${formatBytes(report.bytesPerRound)} per round, ` +
      `R² ${report.r2.toFixed(3)}), grew in ${report.growthSteps} of ${report.window} rounds ` +
      `of ${report.iterations} iterations.`,
    `Post-GC growth per round: ${report.growth.map((g) => formatBytes(g, true)).join(', ')}.`,
    `Rule: slope > ${rule.minSlope} B/iteration, R² ≥ ${rule.minR2}, ` +
      `growth in ≥ ${rule.minGrowthSteps} of ${rule.window} rounds.`,
  ].join('\n');
}

/**
 * Test helper: runs {@link detectLeak} and throws a {@link LeakDetectedError} whose message holds
 * the per-round growth, slope and R² when the rule finds a leak. Works in any test runner (it
 * only throws); resolves to the report when there is no leak.
 *
 * @example
 * ```ts
 * it('does not leak per request', async () => {
 *   await expectNoLeak(() => cache.get('k'), { iterations: 1000, rounds: 8 });
 * });
 * ```
 */
export async function expectNoLeak(
  fn: LeakWorkload,
  options: ExpectNoLeakOptions = {},
): Promise<LeakReport> {
  const report = await detectLeak(fn, options);
  if (report.leak) throw new LeakDetectedError(describeLeak(report), report);
  return report;
}
