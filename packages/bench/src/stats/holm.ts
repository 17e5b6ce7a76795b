import { BenchArgumentError } from '../errors.ts';
/**
 * Holm's step-down correction of p-values for multiple comparisons: controls the
 * family-wise error rate (the chance of any false alarm in the suite) without
 * assuming the tests are independent. Returns the adjusted p-values in the input
 * order, as R's `p.adjust(p, "holm")` does.
 *
 * @example
 * ```ts
 * holm([0.01, 0.04, 0.03, 0.005]); // [0.03, 0.06, 0.06, 0.02]
 * ```
 */
export function holm(pValues: readonly number[]): number[] {
  for (const [i, p] of pValues.entries()) {
    if (!(p >= 0 && p <= 1))
      throw new BenchArgumentError(`holm: p-value ${i} must be in [0, 1], got ${p}`);
  }
  const m = pValues.length;
  const order = pValues.map((p, index) => ({ p, index })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(m);
  let running = 0;
  for (const [rank, { p, index }] of order.entries()) {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[index] = running;
  }
  return adjusted;
}
