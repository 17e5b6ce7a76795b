import type { CompletionRequest, CompletionResult } from './completion.ts';
import type { StreamDelta } from './delta.ts';
import type { EmbeddingRequest, EmbeddingResult } from './embedding.ts';
import type { CallLocals } from './locals.ts';

/** Per-call options every provider and middleware accepts. */
export interface CallOptions {
  /** Aborts the call, including the upstream HTTP request. */
  readonly signal?: AbortSignal | undefined;
  /** Extra HTTP headers for the upstream request. */
  readonly headers?: { readonly [name: string]: string } | undefined;
  /**
   * The call's typed per-call values ({@link CallLocals}). Pass your own object to seed values
   * for the plugins and to read, once the call settles (a stream: once its deltas arrive), what
   * the plugins wrote into it. One object per call: a reused object keeps the previous call's
   * values. @default a fresh `{}` per call
   */
  readonly locals?: CallLocals | undefined;
}

/**
 * Rate-limit state a provider reported in its response headers (`x-ratelimit-*`,
 * `anthropic-ratelimit-*`, `retry-after`), normalised. Absent fields were not sent.
 */
export interface RateLimitInfo {
  readonly limitRequests?: number;
  readonly remainingRequests?: number;
  /** Milliseconds until the request budget is full again. */
  readonly resetRequestsMs?: number;
  readonly limitTokens?: number;
  readonly remainingTokens?: number;
  /** Milliseconds until the token budget is full again. */
  readonly resetTokensMs?: number;
  /** How long the provider asked callers to wait (`retry-after-ms` / `retry-after`). */
  readonly retryAfterMs?: number;
}

/**
 * A model backend: OpenAI-compatible servers, Anthropic, Ollama, or anything
 * that can answer the three calls.
 */
export interface Provider {
  /** Short identifier, for example `openai`. */
  readonly name: string;
  /** Runs a completion and resolves with the whole answer. */
  complete(request: CompletionRequest, options?: CallOptions): Promise<CompletionResult>;
  /** Streams a completion; breaking out of the loop aborts the upstream request. */
  stream(request: CompletionRequest, options?: CallOptions): AsyncIterable<StreamDelta>;
  /** Embeds a batch of texts. */
  embed(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResult>;
}
