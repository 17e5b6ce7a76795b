import type { Labels } from '../metric-family.ts';
import { forEachField } from './message-fields.ts';
import { isLabelName } from './names.ts';

/** Label sets remembered before starting over (the metrics' own cardinality guard still applies). */
const MAX_REMEMBERED = 1024;

/**
 * The label values one channel's last message had, in field order, and the labels they gave: a
 * channel that repeats them (the common case: the same model, tier, path…) gets its labels back
 * after one walk of the message's fields, without building a signature string.
 */
export class LastLabels {
  readonly fields: string[] = [];
  readonly values: unknown[] = [];
  labels: Labels | undefined;
  valid = false;
}

/**
 * The labels of diagnostics messages: their string and boolean fields (one level into plain
 * objects too), minus the ignored ones. Messages with the same label values get the same frozen
 * labels object, so the metric stores key them once instead of on every event.
 */
export class MessageLabels {
  readonly #ignored: ReadonlySet<string>;
  readonly #remembered = new Map<string, Labels>();
  #signature = '';
  /** While signing: where the label fields and values go; while comparing: what they must equal. */
  #last: LastLabels | undefined;
  #at = 0;
  #same = false;

  constructor(ignored: ReadonlySet<string>) {
    this.#ignored = ignored;
  }

  /**
   * The labels of `message`, or `undefined` when it has none. With `last` (one per channel),
   * a message with the same label values as the previous one is answered from it.
   */
  of(message: Record<string, unknown>, last?: LastLabels): Labels | undefined {
    if (last?.valid === true && this.#repeats(message, last)) return last.labels;
    this.#signature = '';
    this.#last = last;
    if (last !== undefined) {
      last.valid = false;
      last.fields.length = 0;
      last.values.length = 0;
    }
    try {
      forEachField(message, this.#sign);
    } finally {
      this.#last = undefined;
    }
    const signature = this.#signature;
    const labels = signature === '' ? undefined : this.#labels(signature, message);
    if (last !== undefined) {
      last.labels = labels;
      last.valid = true;
    }
    return labels;
  }

  #labels(signature: string, message: Record<string, unknown>): Labels {
    let labels = this.#remembered.get(signature);
    if (labels === undefined) {
      if (this.#remembered.size >= MAX_REMEMBERED) this.#remembered.clear();
      labels = this.#build(message);
      this.#remembered.set(signature, labels);
    }
    return labels;
  }

  /** True when `message` has exactly `last`'s label fields and values, in the same order. */
  #repeats(message: Record<string, unknown>, last: LastLabels): boolean {
    this.#last = last;
    this.#at = 0;
    this.#same = true;
    try {
      forEachField(message, this.#compare);
    } finally {
      this.#last = undefined;
    }
    return this.#same && this.#at === last.fields.length;
  }

  #isCandidate(field: string, value: unknown): boolean {
    return (typeof value === 'string' || typeof value === 'boolean') && !this.#ignored.has(field);
  }

  readonly #compare = (field: string, value: unknown): void => {
    if (!this.#same || !this.#isCandidate(field, value)) return;
    const last = this.#last as LastLabels;
    const at = this.#at++;
    if (last.fields[at] !== field || last.values[at] !== value) this.#same = false;
  };

  readonly #sign = (field: string, value: unknown): void => {
    // The name check is left to #build: a field it would drop only makes the signature finer.
    if (!this.#isCandidate(field, value)) return;
    this.#last?.fields.push(field);
    this.#last?.values.push(value);
    // Length-prefixed values: the signature parses back, so two label sets never share one.
    const text = String(value);
    this.#signature += `${field}\u0000${text.length}:${text}`;
  };

  #isLabel(field: string, value: unknown): boolean {
    if (typeof value !== 'string' && typeof value !== 'boolean') return false;
    // `le` and `quantile` are the exposition's own labels of the channel's timing histograms.
    return (
      !this.#ignored.has(field) && isLabelName(field) && field !== 'le' && field !== 'quantile'
    );
  }

  #build(message: Record<string, unknown>): Labels {
    const labels: Record<string, string> = {};
    forEachField(message, (field, value) => {
      if (this.#isLabel(field, value)) labels[field] = String(value);
    });
    return Object.freeze(labels);
  }
}
