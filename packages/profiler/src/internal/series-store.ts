import { ProfilerArgumentError } from '../errors.ts';
import type { Labels } from '../metric-family.ts';
import { isLabelName } from './names.ts';

/** The label value every label of the overflow series carries. */
export const OVERFLOW_VALUE = '__overflow__';
const NO_LABELS: Labels = Object.freeze({});

/** One series: its frozen labels and its state (a counter cell, a histogram…). */
export interface Series<S> {
  readonly labels: Labels;
  readonly state: S;
}

/**
 * The series of one metric, keyed by their labels, with a cardinality guard:
 * past `maxSeries`, new label sets share one series whose label values are all
 * `__overflow__`, and each redirected update is counted.
 */
export class SeriesStore<S> {
  readonly #series = new Map<string, Series<S>>();
  /** The key of each frozen labels object seen: a caller that reuses one skips {@link keyOf}. */
  readonly #keys = new WeakMap<Labels, string>();
  readonly #create: () => S;
  readonly #max: number;
  #overflow: Series<S> | undefined;
  #overflowed = 0;

  readonly #name: string;
  /** The label name the exposition adds to this metric's series (`le`, `quantile`), if any. */
  readonly #reserved: string | undefined;

  constructor(name: string, create: () => S, maxSeries: number, reserved?: string) {
    this.#name = name;
    this.#create = create;
    this.#max = maxSeries;
    this.#reserved = reserved;
  }

  /** The state of the series with these labels, created on first use. */
  get(labels: Labels | undefined): S {
    const key = labels === undefined ? '' : this.#keyOf(labels);
    const found = this.#series.get(key);
    if (found !== undefined) return found.state;
    // Checked on the overflow path too: its label names become the exported overflow series'.
    if (this.#series.size >= this.#max)
      return this.#overflowSeries(labels === undefined ? NO_LABELS : this.#check(labels)).state;
    const series = {
      labels: labels === undefined ? NO_LABELS : this.#check(labels),
      state: this.#create(),
    };
    this.#series.set(key, series);
    return series.state;
  }

  #check(labels: Labels): Labels {
    const checked = checkLabels(labels);
    if (this.#reserved !== undefined && this.#reserved in checked) {
      throw new ProfilerArgumentError(
        'labels',
        `label names other than "${this.#reserved}", which the exposition of ${this.#name} adds itself`,
        this.#reserved,
      );
    }
    return checked;
  }

  /** A frozen labels object cannot change, so its key is computed once. */
  #keyOf(labels: Labels): string {
    if (!Object.isFrozen(labels)) return keyOf(labels);
    let key = this.#keys.get(labels);
    if (key === undefined) {
      key = keyOf(labels);
      this.#keys.set(labels, key);
    }
    return key;
  }

  /** Every series, the overflow series last. */
  *entries(): IterableIterator<Series<S>> {
    yield* this.#series.values();
    if (this.#overflow !== undefined) yield this.#overflow;
  }

  /** How many updates went to the overflow series. */
  get overflowed(): number {
    return this.#overflowed;
  }

  /** Drops every series. */
  clear(): void {
    this.#series.clear();
    this.#overflow = undefined;
    this.#overflowed = 0;
  }

  #overflowSeries(labels: Labels): Series<S> {
    this.#overflowed++;
    if (this.#overflow === undefined) {
      const names = Object.keys(labels);
      const overflowLabels = Object.fromEntries(
        (names.length ? names : ['series']).map((n) => [n, OVERFLOW_VALUE]),
      );
      this.#overflow = { labels: Object.freeze(overflowLabels), state: this.#create() };
      process.emitWarning(
        `Metric "${this.#name}" reached its limit of ${this.#max} series; further label sets are counted in its ${OVERFLOW_VALUE} series. Drop high-cardinality labels or raise maxSeries.`,
        { code: 'HOTPATH_PROFILER_CARDINALITY' },
      );
    }
    return this.#overflow;
  }
}

/**
 * The series key of a label set: names sorted, each value length-prefixed, so the key parses
 * back and two different label sets never share a series, whatever their values contain.
 * Values are keyed as the exports write them: well-formed, a lone surrogate as U+FFFD (the text
 * exposition is UTF-8), so two series never render as one.
 */
function keyOf(labels: Labels): string {
  const names = Object.keys(labels);
  if (names.length > 1) names.sort();
  let key = '';
  for (const name of names) {
    const value = labelValue(name, labels[name]);
    key += `${name}\u0000${value.length}:${value}`;
  }
  return key;
}

/** A label value as stored and exported: a string, made well-formed. */
function labelValue(name: string, value: unknown): string {
  if (typeof value !== 'string')
    throw new ProfilerArgumentError(`labels.${name}`, 'a string', value);
  return value.isWellFormed() ? value : value.toWellFormed();
}

function checkLabels(labels: Labels): Labels {
  const copy: Record<string, string> = {};
  for (const [name, value] of Object.entries(labels)) {
    if (!isLabelName(name)) {
      throw new ProfilerArgumentError(
        'labels',
        'label names matching [a-zA-Z_][a-zA-Z0-9_]* not starting with __',
        name,
      );
    }
    copy[name] = labelValue(name, value);
  }
  return Object.freeze(copy);
}
