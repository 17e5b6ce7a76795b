import type { Labels } from '../metric-family.ts';
import { forEachField } from './message-fields.ts';
import { isLabelName } from './names.ts';

/** Label sets remembered before starting over (the metrics' own cardinality guard still applies). */
const MAX_REMEMBERED = 1024;

/**
 * The labels of diagnostics messages: their string and boolean fields (one level into plain
 * objects too), minus the ignored ones. Messages with the same label values get the same frozen
 * labels object, so the metric stores key them once instead of on every event.
 */
export class MessageLabels {
  readonly #ignored: ReadonlySet<string>;
  readonly #remembered = new Map<string, Labels>();
  #signature = '';

  constructor(ignored: ReadonlySet<string>) {
    this.#ignored = ignored;
  }

  /** The labels of `message`, or `undefined` when it has none. */
  of(message: Record<string, unknown>): Labels | undefined {
    this.#signature = '';
    forEachField(message, this.#sign);
    const signature = this.#signature;
    if (signature === '') return undefined;
    let labels = this.#remembered.get(signature);
    if (labels === undefined) {
      if (this.#remembered.size >= MAX_REMEMBERED) this.#remembered.clear();
      labels = this.#build(message);
      this.#remembered.set(signature, labels);
    }
    return labels;
  }

  readonly #sign = (field: string, value: unknown): void => {
    // The name check is left to #build: a field it would drop only makes the signature finer.
    if ((typeof value !== 'string' && typeof value !== 'boolean') || this.#ignored.has(field))
      return;
    // Length-prefixed values: the signature parses back, so two label sets never share one.
    const text = String(value);
    this.#signature += `${field}\u0000${text.length}:${text}`;
  };

  #isLabel(field: string, value: unknown): boolean {
    if (typeof value !== 'string' && typeof value !== 'boolean') return false;
    return !this.#ignored.has(field) && isLabelName(field);
  }

  #build(message: Record<string, unknown>): Labels {
    const labels: Record<string, string> = {};
    forEachField(message, (field, value) => {
      if (this.#isLabel(field, value)) labels[field] = String(value);
    });
    return Object.freeze(labels);
  }
}
