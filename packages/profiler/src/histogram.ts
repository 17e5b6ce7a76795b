import { ProfilerArgumentError } from './errors.ts';
import type { HistogramBucket, HistogramStats } from './histogram-stats.ts';
import { checkOptions, checkQuantiles, invalidValue, sum8 } from './internal/histogram-support.ts';
import { checkKeys, HISTOGRAM_OPTIONS } from './internal/option-keys.ts';

export type { HistogramBucket, HistogramStats } from './histogram-stats.ts';

/** Options of a {@link Histogram}. */
export interface HistogramOptions {
  /**
   * Sub-bucket precision in bits: each power of two is split into `2^precisionBits`
   * buckets, so a reported value is within `2^-(precisionBits + 1)` of the true
   * value, relatively (0.39 % at the default). Between 1 and 12.
   * @default 7
   */
  readonly precisionBits?: number;
  /**
   * Smallest value told apart from zero. Smaller values share the lowest bucket and
   * are reported with an absolute error of at most `lowest`. At least 2^-1022 (the smallest
   * normal double): the bucket layout reads the value's exponent, which subnormals lack.
   * @default 1e-6
   */
  readonly lowest?: number;
  /**
   * Largest value bucketed precisely. Larger values share the top bucket (their
   * `max`, `sum` and `mean` stay exact). Must be greater than `lowest`.
   * @default 1e9
   */
  readonly highest?: number;
}

// Which 32-bit half of a float64 holds the sign, exponent and top mantissa bits.
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const STATS_QUANTILES: readonly number[] = [0.5, 0.9, 0.95, 0.99, 0.999];

/**
 * A log-linear histogram over a preallocated `Float64Array` (HdrHistogram's
 * layout, for floating-point values). `record` reads the value's float64
 * exponent and top mantissa bits as the bucket index: a few integer operations
 * and one array increment, no logarithm, no allocation. Percentile reads walk
 * only the buckets between the recorded min and max.
 *
 * Error bound: every percentile is the midpoint of the bucket that holds the
 * exact nearest-rank value, clamped to `[min, max]`, so it is within
 * `2^-(precisionBits + 1)` of it relatively (0.39 % at the default 7 bits) for
 * values between `lowest` and `highest`.
 *
 * @example
 * ```ts
 * const h = new Histogram();
 * for (const ms of latencies) h.record(ms);
 * const [p50, p99] = h.percentiles([0.5, 0.99]);
 * ```
 */
export class Histogram {
  readonly #options: HistogramOptions;
  readonly #bits: number;
  readonly #shift: number;
  readonly #offset: number;
  readonly #last: number;
  readonly #counts: Float64Array;
  readonly #scratch = new Float64Array(1);
  readonly #words = new Uint32Array(this.#scratch.buffer);
  #count = 0;
  #sum = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = Number.NEGATIVE_INFINITY;

  /** @param options - precision and range; see {@link HistogramOptions} */
  constructor(options: HistogramOptions = {}) {
    checkKeys('options', options, HISTOGRAM_OPTIONS);
    const { precisionBits = 7, lowest = 1e-6, highest = 1e9 } = options;
    checkOptions(precisionBits, lowest, highest);
    this.#options = { precisionBits, lowest, highest };
    const minExp = Math.floor(Math.log2(lowest));
    const maxExp = Math.floor(Math.log2(highest));
    this.#bits = precisionBits;
    this.#shift = 20 - precisionBits;
    this.#offset = (1023 + minExp) * 2 ** precisionBits;
    this.#last = (maxExp - minExp + 1) * 2 ** precisionBits - 1;
    this.#counts = new Float64Array(this.#last + 1);
  }

  /**
   * Records one value (any unit: ms, ns, tokens, bytes).
   * @throws {ProfilerArgumentError} when `value` is negative, NaN or infinite
   */
  record(value: number): void {
    if (!(value >= 0 && value <= Number.MAX_VALUE)) throw invalidValue(value);
    // −0 passes the check but has its sign bit set, which would index the top bucket and make
    // it the min: adding +0 turns it into +0 and leaves every other value as it is.
    const v = value + 0;
    this.#scratch[0] = v;
    let index = (this.#words[HIGH_WORD]! >>> this.#shift) - this.#offset;
    if (index < 0) index = 0;
    else if (index > this.#last) index = this.#last;
    this.#counts[index]!++;
    this.#count++;
    this.#sum += v;
    if (v < this.#min) this.#min = v;
    if (v > this.#max) this.#max = v;
  }

  /** Number of recorded values. */
  get count(): number {
    return this.#count;
  }

  /** Exact sum of recorded values. */
  get sum(): number {
    return this.#sum;
  }

  /** Exact smallest recorded value, or 0 when empty. */
  get min(): number {
    return this.#count === 0 ? 0 : this.#min;
  }

  /** Exact largest recorded value, or 0 when empty. */
  get max(): number {
    return this.#count === 0 ? 0 : this.#max;
  }

  /** Exact mean, or 0 when empty. */
  get mean(): number {
    return this.#count === 0 ? 0 : this.#sum / this.#count;
  }

  /** The relative error bound of percentile reads: `2^-(precisionBits + 1)`. */
  get relativeError(): number {
    return 2 ** -(this.#bits + 1);
  }

  /**
   * The value at quantile `q` (0..1) by nearest rank, within {@link relativeError}.
   * @throws {ProfilerArgumentError} when `q` is not between 0 and 1
   */
  percentile(q: number): number {
    return this.percentiles([q])[0]!;
  }

  /**
   * Several quantiles in one walk over the buckets, in the order given.
   * @throws {ProfilerArgumentError} when a quantile is not between 0 and 1
   */
  percentiles(quantiles: readonly number[]): number[] {
    checkQuantiles(quantiles);
    const out = new Array<number>(quantiles.length).fill(0);
    if (this.#count === 0 || quantiles.length === 0) return out;
    const order =
      quantiles.length === 1
        ? [0]
        : quantiles.map((_, i) => i).sort((a, b) => quantiles[a]! - quantiles[b]!);
    const counts = this.#counts;
    const end = this.#indexOf(this.#max);
    let k = 0;
    let target = this.#rank(quantiles[order[0]!]!);
    let seen = 0;
    let i = this.#indexOf(this.#min);
    while (i <= end) {
      // Skip eight buckets at a time while the next rank is out of reach.
      if (i + 7 <= end) {
        const block = sum8(counts, i);
        if (seen + block < target) {
          seen += block;
          i += 8;
          continue;
        }
      }
      seen += counts[i]!;
      // Several quantiles can fall in the same bucket.
      while (seen >= target) {
        out[order[k]!] = this.#valueAt(i, target);
        if (++k === order.length) return out;
        target = this.#rank(quantiles[order[k]!]!);
      }
      i++;
    }
    return out;
  }

  /**
   * Cumulative counts of values `<= bound` for ascending `bounds`, in one walk
   * (within the bucket precision), as Prometheus histogram buckets need.
   * @throws {ProfilerArgumentError} when a bound is NaN
   */
  cumulativeCounts(bounds: readonly number[]): number[] {
    for (const bound of bounds)
      if (Number.isNaN(bound)) throw new ProfilerArgumentError('bound', 'a number', bound);
    const out: number[] = [];
    const counts = this.#counts;
    let i = this.#indexOf(this.#min);
    let seen = 0;
    for (const bound of bounds) {
      if (this.#count === 0 || bound < this.#min) out.push(0);
      else if (bound >= this.#max) out.push(this.#count);
      else {
        const end = this.#indexOf(bound);
        for (; i + 7 <= end; i += 8) seen += sum8(counts, i);
        for (; i <= end; i++) seen += counts[i]!;
        out.push(seen);
      }
    }
    return out;
  }

  /** count, sum, mean, min, max and p50/p90/p95/p99/p99.9 in one read. */
  stats(): HistogramStats {
    const [p50, p90, p95, p99, p999] = this.percentiles(STATS_QUANTILES) as [
      number,
      number,
      number,
      number,
      number,
    ];
    return {
      count: this.#count,
      sum: this.#sum,
      mean: this.mean,
      min: this.min,
      max: this.max,
      p50,
      p90,
      p95,
      p99,
      p999,
    };
  }

  /** How many recorded values are `<= value` (within the bucket precision). */
  countAtOrBelow(value: number): number {
    return this.cumulativeCounts([value])[0]!;
  }

  /** The non-empty buckets, lowest first (for charts and exports). */
  buckets(): HistogramBucket[] {
    const out: HistogramBucket[] = [];
    if (this.#count === 0) return out;
    const end = this.#indexOf(this.#max);
    for (let i = this.#indexOf(this.#min); i <= end; i++) {
      const count = this.#counts[i]!;
      if (count > 0) out.push({ lower: this.#lower(i), upper: this.#lower(i + 1), count });
    }
    return out;
  }

  /**
   * Adds every value recorded in `other` into this histogram.
   * @throws {ProfilerArgumentError} when `other` is not a Histogram built with the same options
   */
  add(other: Histogram): void {
    if (typeof other !== 'object' || other === null || !(#counts in other)) {
      throw new ProfilerArgumentError('other', 'a Histogram', other);
    }
    if (other.#counts.length !== this.#counts.length || other.#offset !== this.#offset) {
      throw new ProfilerArgumentError(
        'other',
        'a Histogram built with the same options',
        'a different layout',
      );
    }
    if (other.#count === 0) return;
    const end = other.#indexOf(other.#max);
    for (let i = other.#indexOf(other.#min); i <= end; i++) this.#counts[i]! += other.#counts[i]!;
    this.#count += other.#count;
    this.#sum += other.#sum;
    if (other.#min < this.#min) this.#min = other.#min;
    if (other.#max > this.#max) this.#max = other.#max;
  }

  /** Forgets every recorded value. */
  reset(): void {
    if (this.#count === 0) return;
    this.#counts.fill(0, this.#indexOf(this.#min), this.#indexOf(this.#max) + 1);
    this.#count = 0;
    this.#sum = 0;
    this.#min = Number.POSITIVE_INFINITY;
    this.#max = Number.NEGATIVE_INFINITY;
  }

  /** A new empty histogram with the same precision and range. */
  emptyCopy(): Histogram {
    return new Histogram(this.#options);
  }

  #indexOf(value: number): number {
    // +0 for the same reason as in record(): −0 would read as the top bucket.
    this.#scratch[0] = value + 0;
    const index = (this.#words[HIGH_WORD]! >>> this.#shift) - this.#offset;
    return Math.max(0, Math.min(index, this.#last));
  }

  #rank(q: number): number {
    return Math.max(1, Math.ceil(q * this.#count));
  }

  #lower(index: number): number {
    const biased = index + this.#offset;
    const sub = biased % 2 ** this.#bits;
    const exponent = Math.floor(biased / 2 ** this.#bits) - 1023;
    return 2 ** exponent * (1 + sub / 2 ** this.#bits);
  }

  // The first and last ranks are the exact min and max; others are bucket midpoints.
  #valueAt(index: number, rank: number): number {
    if (rank <= 1) return this.#min;
    return rank >= this.#count ? this.#max : this.#midpoint(index);
  }

  #midpoint(index: number): number {
    // Half the width added to the lower bound: the sum of two bounds near MAX_VALUE overflows.
    const lower = this.#lower(index);
    const mid = lower + (this.#lower(index + 1) - lower) / 2;
    return Math.max(this.#min, Math.min(mid, this.#max));
  }
}
