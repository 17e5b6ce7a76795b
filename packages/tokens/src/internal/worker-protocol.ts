import type { EncodingName } from '../encodings.ts';

/** Hash algorithms the workers (and {@link hash}) offer. */
export type HashAlgorithm = 'sha256' | 'xxhash64' | 'xxhash128';

/** Counts (optionally up to a limit) or encodes a batch of text pieces. */
export interface TokenizeTask {
  readonly kind: 'count' | 'encode';
  readonly encoding: EncodingName;
  readonly pieces: readonly string[];
  /** Per-piece limit for counting; the worker stops a piece once it exceeds it. */
  readonly limit?: number;
  /** One Int32 per piece: 1 means the caller no longer wants that piece. */
  readonly cancel: Int32Array;
}

/**
 * Counts or encodes one long text that every thread receives: the threads claim slices of it
 * through `control` (see text-claims.ts) until none are left.
 */
export interface SharedTextTask {
  readonly kind: 'count-shared' | 'encode-shared';
  readonly encoding: EncodingName;
  readonly text: string;
  /** Characters per claim. */
  readonly claimChars: number;
  /** Counting only: every thread stops once the shared sum exceeds it. */
  readonly limit?: number;
  /** Int32 cells shared with the caller and the other threads. */
  readonly control: Int32Array;
}

/** Decodes token ids. */
export interface DecodeTask {
  readonly kind: 'decode';
  readonly encoding: EncodingName;
  readonly tokens: Uint32Array;
}

/** Hashes a payload. */
export interface HashTask {
  readonly kind: 'hash';
  readonly algorithm: HashAlgorithm;
  readonly data: string | Uint8Array;
}

/** Loads the tokenizer rank tables so later tasks find the thread warm. */
export interface WarmTask {
  readonly kind: 'warm';
  readonly encodings: readonly EncodingName[];
}

/** Any task a token worker runs. */
export type WorkerTask = TokenizeTask | SharedTextTask | DecodeTask | HashTask | WarmTask;

/** A failure inside a task (bad input), reported as a value rather than a thrown error. */
export interface WorkerFailure {
  readonly error: { readonly name: string; readonly message: string };
}

/**
 * A worker's answer: counts are an Int32Array with one entry per piece ({@link OVER_LIMIT} or
 * {@link CANCELLED} when not counted); encodings are one transferred Uint32Array laid out as
 * `[pieces, length₀ … lengthₙ₋₁, tokens…]` (length {@link CANCELLED_LENGTH} when cancelled);
 * decode and hash answer with a string. A shared count answers with the number of claims the
 * thread took (the sum is in the control block); a shared encode with a transferred Uint32Array
 * of `[claim, length, tokens…]` records.
 */
export type WorkerReply = Int32Array | Uint32Array | number | string | WorkerFailure;

/** Count value that marks a piece over its limit. */
export const OVER_LIMIT = -1;
/** Count value that marks a cancelled piece. */
export const CANCELLED = -2;
/** Length value that marks a cancelled piece in an encode reply. */
export const CANCELLED_LENGTH = 0xffffffff;
