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

/** The failure message: growth rate, trend, the rule, and the growth of every round. */
export function describeLeak(report: LeakReport): string {
  const { rule } = report;
  return [
    `Memory leak: ${formatBytes(report.bytesPerIteration)} retained per iteration ` +
      `(${report.bytesPerIteration.toFixed(1)} B/iteration, ${formatBytes(report.bytesPerRound)} per round), ` +
      `grew by more than ${rule.minSlope} B/iteration in ${report.growthSteps} of ${report.steps} rounds ` +
      `of ${report.iterations} iterations (sign test p = ${report.pValue.toPrecision(2)}).`,
    `Post-GC growth per round: ${report.growth.map((g) => formatBytes(g, true)).join(', ')}.`,
    `Rule: robust growth > ${rule.minSlope} B/iteration, and growing rounds with p ≤ ${rule.maxPValue}.`,
  ].join('\n');
}

/**
 * Test helper: runs {@link detectLeak} and throws a {@link LeakDetectedError} whose message holds
 * the per-round growth, growth rate, sign-test p-value and rule when the rule finds a leak. Works in any test runner (it
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
