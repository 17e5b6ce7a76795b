import { ProfilerArgumentError } from './errors.ts';
import { Histogram, type HistogramOptions } from './histogram.ts';
import { checkKeys, ROLLING_HISTOGRAM_OPTIONS } from './internal/option-keys.ts';

/** Options of a {@link RollingHistogram}. */
export interface RollingHistogramOptions extends HistogramOptions {
  /**
   * How many sub-histograms the ring holds. A read merges all of them, so it
   * covers the last `slots` rotations.
   * @default 6
   */
  readonly slots?: number;
}

/**
 * A ring of sub-histograms: `record` writes into the current one, `rotate()`
 * moves to the next and clears it, and `merged()` adds the ring together. Call
 * `rotate()` every `windowMs / slots` (the profiler does it with an unref'ed
 * timer) to get percentiles over roughly the last `windowMs`.
 */
export class RollingHistogram {
  readonly #ring: Histogram[];
  readonly #merged: Histogram;
  #current: number;
  #active: Histogram;

  /** @param options - ring size, precision and range */
  constructor(options: RollingHistogramOptions = {}) {
    checkKeys('options', options, ROLLING_HISTOGRAM_OPTIONS);
    const { slots = 6, ...histogram } = options;
    if (!Number.isInteger(slots) || slots < 1 || slots > 1000) {
      throw new ProfilerArgumentError('options.slots', 'an integer from 1 to 1000', slots);
    }
    this.#merged = new Histogram(histogram);
    this.#ring = Array.from({ length: slots }, () => this.#merged.emptyCopy());
    this.#current = 0;
    this.#active = this.#ring[0]!;
  }

  /** Records one value into the current slot. */
  record(value: number): void {
    this.#active.record(value);
  }

  /** Moves to the next slot, dropping the values it held. */
  rotate(): void {
    this.#current = (this.#current + 1) % this.#ring.length;
    this.#active = this.#ring[this.#current]!;
    this.#active.reset();
  }

  /**
   * The ring merged into one histogram. The returned instance is reused by the
   * next call: read it before calling `merged()` again.
   */
  merged(): Histogram {
    this.#merged.reset();
    for (const slot of this.#ring) this.#merged.add(slot);
    return this.#merged;
  }

  /** Clears every slot. */
  reset(): void {
    for (const slot of this.#ring) slot.reset();
  }
}
