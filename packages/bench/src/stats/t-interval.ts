import { BenchArgumentError } from '../errors.ts';
import { studentTCdf, studentTQuantile } from './student-t.ts';

/** A (trimmed) mean with its Student-t confidence interval. */
export interface MeanInterval {
  /** The mean, or the trimmed mean when `trim` > 0. */
  readonly mean: number;
  /** Lower end of the confidence interval. */
  readonly low: number;
  /** Upper end of the confidence interval. */
  readonly high: number;
  /** Standard error of the (trimmed) mean. */
  readonly se: number;
  /** Degrees of freedom of the t distribution used. */
  readonly df: number;
  /** Number of values. */
  readonly n: number;
}

/** Which side a {@link tTestP} test looks at. */
export type Alternative = 'two-sided' | 'greater' | 'less';

/** Options of {@link tInterval} and {@link tTestP}. */
export interface TOptions {
  /**
   * Fraction trimmed from each end (Yuen's trimmed t): `0` is the classic t-interval of
   * the mean; `0.2` keeps the middle 60%, so one wild value among a few cannot drag the
   * estimate or blow up the interval. @default 0
   */
  readonly trim?: number;
}

interface Location {
  readonly mean: number;
  readonly se: number;
  readonly df: number;
}

function check(values: readonly number[], trim: number, what: string): void {
  if (values.some((value) => !Number.isFinite(value))) {
    throw new BenchArgumentError(`${what}: every value must be a finite number`);
  }
  if (!(trim >= 0 && trim < 0.5)) {
    throw new BenchArgumentError(`${what}: "trim" must be in [0, 0.5), got ${trim}`);
  }
  const kept = values.length - 2 * Math.floor(trim * values.length);
  if (kept < 2) {
    throw new BenchArgumentError(
      `${what}: needs at least 2 values after trimming, got ${values.length} values with trim ${trim}`,
    );
  }
}

/** Trimmed mean, Yuen's standard error (from the Winsorized variance) and df = kept − 1. */
function locate(values: readonly number[], trim: number): Location {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const g = Math.floor(trim * n);
  const h = n - 2 * g;
  const kept = sorted.slice(g, n - g);
  const mean = kept.reduce((sum, value) => sum + value, 0) / h;
  const winsorized = sorted.map((value) => Math.min(Math.max(value, kept[0]!), kept[h - 1]!));
  const wMean = winsorized.reduce((sum, value) => sum + value, 0) / n;
  const ss = winsorized.reduce((sum, value) => sum + (value - wMean) ** 2, 0);
  return { mean, se: Math.sqrt(ss / (h * (h - 1))), df: h - 1 };
}

/**
 * The Student-t confidence interval of the mean of independent values (R's
 * `t.test(x)$conf.int`), or with `trim` Yuen's interval of the trimmed mean (R's
 * `WRS2::trimci`). Needs 2 values left after trimming.
 *
 * @example
 * ```ts
 * tInterval([1, 2, 3, 4]); // { mean: 2.5, low: 0.4457…, high: 4.5542…, … }
 * ```
 */
export function tInterval(
  values: readonly number[],
  confidence = 0.95,
  options: TOptions = {},
): MeanInterval {
  const trim = options.trim ?? 0;
  check(values, trim, 'tInterval');
  if (!(confidence > 0 && confidence < 1)) {
    throw new BenchArgumentError(`tInterval: "confidence" must be in (0, 1), got ${confidence}`);
  }
  const { mean, se, df } = locate(values, trim);
  const half = se * studentTQuantile(1 - (1 - confidence) / 2, df);
  return { mean, low: mean - half, high: mean + half, se, df, n: values.length };
}

/**
 * The p-value of a one-sample t-test of "the (trimmed) mean equals `nullValue`" (R's
 * `t.test(x, mu = nullValue, alternative)$p.value`; Yuen's test with `trim`). With zero
 * spread it is 0 when the mean differs from `nullValue` in the tested direction, else 1.
 */
export function tTestP(
  values: readonly number[],
  nullValue = 0,
  alternative: Alternative = 'two-sided',
  options: TOptions = {},
): number {
  const trim = options.trim ?? 0;
  check(values, trim, 'tTestP');
  const { mean, se, df } = locate(values, trim);
  const diff = mean - nullValue;
  const t = se === 0 ? (diff === 0 ? 0 : Math.sign(diff) * Number.POSITIVE_INFINITY) : diff / se;
  if (alternative === 'greater') return se === 0 && diff === 0 ? 1 : 1 - studentTCdf(t, df);
  if (alternative === 'less') return se === 0 && diff === 0 ? 1 : studentTCdf(t, df);
  return Math.min(1, 2 * studentTCdf(-Math.abs(t), df));
}
