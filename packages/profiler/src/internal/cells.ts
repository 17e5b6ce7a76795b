import { ProfilerArgumentError } from '../errors.ts';

/** A counter series bound to its labels: only goes up. */
export interface BoundCounter {
  /** Adds 1. */
  inc(): void;
  /** Adds `value` (finite, >= 0). */
  add(value: number): void;
  /** The current total. */
  readonly value: number;
}

/** A gauge series bound to its labels: goes up and down. */
export interface BoundGauge {
  /** Sets the value. */
  set(value: number): void;
  /** Adds `delta` (may be negative). */
  add(delta: number): void;
  /** The current value. */
  readonly value: number;
}

/** A hit-rate pair bound to its labels. */
export interface BoundHitRate {
  /** Counts one hit. */
  hit(): void;
  /** Counts one miss. */
  miss(): void;
  /** Hits so far. */
  readonly hits: number;
  /** Misses so far. */
  readonly misses: number;
  /** `hits / (hits + misses)`, or 0 before the first lookup. */
  readonly ratio: number;
}

export class CounterCell implements BoundCounter {
  value = 0;

  inc(): void {
    this.value++;
  }

  add(value: number): void {
    if (!(value >= 0 && value < Number.POSITIVE_INFINITY)) {
      throw new ProfilerArgumentError('value', 'a finite number >= 0 (counters only go up)', value);
    }
    this.value += value;
  }
}

export class GaugeCell implements BoundGauge {
  value = 0;

  set(value: number): void {
    if (typeof value !== 'number') throw new ProfilerArgumentError('value', 'a number', value);
    this.value = value;
  }

  add(delta: number): void {
    if (!Number.isFinite(delta)) throw new ProfilerArgumentError('delta', 'a finite number', delta);
    this.value += delta;
  }
}

export class HitRateCell implements BoundHitRate {
  hits = 0;
  misses = 0;

  hit(): void {
    this.hits++;
  }

  miss(): void {
    this.misses++;
  }

  get ratio(): number {
    const total = this.hits + this.misses;
    return total === 0 ? 0 : this.hits / total;
  }
}
