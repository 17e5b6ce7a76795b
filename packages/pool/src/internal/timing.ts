/** Percentiles of a timing histogram, in milliseconds. */
export interface TimingSummary {
  readonly count: number;
  readonly min: number;
  readonly mean: number;
  readonly max: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

/** Values below this many microseconds get a bucket each; above, 128 buckets per power of two. */
const EXACT = 256;
const SUB_BITS = 7;
/** One hour, the longest duration recorded; longer ones count as an hour. */
const HIGHEST_US = 3_600_000_000;
const BUCKETS = ((31 - SUB_BITS) << SUB_BITS) + EXACT;

/** Bucket of a duration in whole microseconds (1 ≤ us ≤ 2³² − 1): at most 1/128 (0.8%) wide. */
function bucketOf(us: number): number {
  if (us < EXACT) return us;
  const shift = 31 - Math.clz32(us) - SUB_BITS;
  return (shift << SUB_BITS) + (us >>> shift);
}

/** Highest duration, in microseconds, that falls in `bucket`. */
function bucketTop(bucket: number): number {
  if (bucket < EXACT) return bucket;
  const shift = (bucket >>> SUB_BITS) - 1;
  const mantissa = (bucket & ((1 << SUB_BITS) - 1)) | (1 << SUB_BITS);
  return (mantissa + 1) * 2 ** shift - 1;
}

/**
 * A log-linear histogram of durations, recorded in microseconds. Plain JavaScript
 * on purpose: it takes two samples on every request, and `perf_hooks`'
 * RecordableHistogram costs a native call and argument validation per sample.
 */
export class TimingHistogram {
  readonly #counts = new Uint32Array(BUCKETS);
  count = 0;
  #sumUs = 0;
  #minUs = Number.POSITIVE_INFINITY;
  #maxUs = 0;

  /** Records a duration given in milliseconds. */
  recordMs(ms: number): void {
    const us = Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1000)));
    this.#counts[bucketOf(us)]!++;
    this.count++;
    this.#sumUs += us;
    if (us < this.#minUs) this.#minUs = us;
    if (us > this.#maxUs) this.#maxUs = us;
  }

  /** The duration in microseconds that `percent` of the samples do not exceed (bucket precision). */
  percentileUs(percent: number): number {
    const rank = Math.max(1, Math.ceil((percent / 100) * this.count));
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      seen += this.#counts[bucket]!;
      if (seen >= rank) return Math.min(bucketTop(bucket), this.#maxUs);
    }
    return this.#maxUs;
  }

  /** Summary in milliseconds; all zeros when nothing was recorded. */
  summary(): TimingSummary {
    const count = this.count;
    if (count === 0) return { count, min: 0, mean: 0, max: 0, p50: 0, p90: 0, p99: 0 };
    const ms = (us: number): number => us / 1000;
    return {
      count,
      min: ms(this.#minUs),
      mean: ms(this.#sumUs / count),
      max: ms(this.#maxUs),
      p50: ms(this.percentileUs(50)),
      p90: ms(this.percentileUs(90)),
      p99: ms(this.percentileUs(99)),
    };
  }
}
