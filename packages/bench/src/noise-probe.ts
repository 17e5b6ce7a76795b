import { estimateRatio, type RatioEstimate } from './estimate.ts';
import { runRounds } from './internal/rounds.ts';
import type { ResolvedSettings } from './run-suite.ts';
import { createSpinTask } from './spin.ts';
import { createRandom } from './stats/random.ts';

/** What the A/A noise probe measured. */
export interface NoiseProbeReport extends RatioEstimate {
  /** Half the width of the probe's 95% interval, as a fraction (0.03 = ±3%). */
  readonly halfWidth: number;
  /** The gate decides only when `halfWidth` is below this (0 never decides). */
  readonly limit: number;
  /** True when the machine is too noisy for the gate to decide. */
  readonly tooNoisy: boolean;
  /** Cost of one probe call, in ms. */
  readonly callMs: number;
}

const CALIBRATION_ITERATIONS = 20_000;

function calibrate(targetMs: number): number {
  const spin = createSpinTask(CALIBRATION_ITERATIONS);
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 30; i++) {
    const start = performance.now();
    spin();
    best = Math.min(best, performance.now() - start);
  }
  return Math.max(1000, Math.round((CALIBRATION_ITERATIONS * targetMs) / Math.max(best, 1e-3)));
}

/**
 * A/A noise probe: two identical calibrated busy loops measured exactly as the gate
 * measures benchmarks (same rounds, same time per round). If even identical code
 * cannot be pinned down to within `limit`, or looks different, the machine is too
 * noisy for the gate to decide anything, and it should warn instead of guessing.
 */
export async function probeNoise(
  settings: ResolvedSettings,
  limit: number = settings.threshold,
  deadline?: number,
): Promise<NoiseProbeReport> {
  const iterations = calibrate(0.1);
  const units = ['a', 'b'].map((id) => ({
    id,
    label: `noise probe ${id}`,
    fn: createSpinTask(iterations),
  }));
  settings.progress.begin('noise probe (A/A)', settings.rounds);
  const random = createRandom(settings.seed - 1);
  const samples = await runRounds(units, { ...settings, random, deadline });
  settings.progress.end();
  const estimate = estimateRatio(samples.get('b')!, samples.get('a')!, { seed: settings.seed });
  const halfWidth = Math.exp((Math.log(estimate.high) - Math.log(estimate.low)) / 2) - 1;
  const step = 1 + settings.threshold;
  const alarm = estimate.p < settings.alpha && (estimate.low > step || estimate.high < 1 / step);
  const callMs = samples.get('a')!.reduce((sum, value) => sum + value, 0) / estimate.n;
  return { ...estimate, halfWidth, limit, tooNoisy: halfWidth >= limit || alarm, callMs };
}
