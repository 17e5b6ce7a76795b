import type { EncodingName } from './encodings.ts';

/** An exact count from the model's own public tokenizer. */
export interface ExactTokenCount {
  readonly kind: 'exact';
  readonly tokens: number;
  readonly encoding: EncodingName;
}

/** An estimate for a model without a public tokenizer, with its documented bounds. */
export interface EstimatedTokenCount {
  readonly kind: 'estimate';
  /** Point estimate (rounded up). */
  readonly tokens: number;
  /** Lower bound of the documented error range. */
  readonly low: number;
  /** Upper bound of the documented error range. */
  readonly high: number;
  /** The encoding whose count the estimate scales. */
  readonly basis: EncodingName;
  readonly model: string;
}

/** A token count labelled as exact or as an estimate. */
export type TokenCount = ExactTokenCount | EstimatedTokenCount;
