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
export type WorkerTask = TokenizeTask | DecodeTask | HashTask | WarmTask;

/** A failure inside a task (bad input), reported as a value rather than a thrown error. */
export interface WorkerFailure {
  readonly error: { readonly name: string; readonly message: string };
}

/**
 * A worker's answer: counts are an Int32Array with one entry per piece ({@link OVER_LIMIT} or
 * {@link CANCELLED} when not counted); encodings are one transferred Uint32Array laid out as
 * `[pieces, length₀ … lengthₙ₋₁, tokens…]` (length {@link CANCELLED_LENGTH} when cancelled);
 * decode and hash answer with a string.
 */
export type WorkerReply = Int32Array | Uint32Array | string | WorkerFailure;

/** Count value that marks a piece over its limit. */
export const OVER_LIMIT = -1;
/** Count value that marks a cancelled piece. */
export const CANCELLED = -2;
/** Length value that marks a cancelled piece in an encode reply. */
export const CANCELLED_LENGTH = 0xffffffff;
