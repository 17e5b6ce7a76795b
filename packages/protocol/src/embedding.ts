/** A batch embedding request. */
export interface EmbeddingRequest {
  readonly model: string;
  readonly input: readonly string[];
  /** Output dimensions, for models that can shorten their vectors. */
  readonly dimensions?: number;
}

/** Embedding vectors, in the order of the request's `input`. */
export interface EmbeddingResult {
  readonly model: string;
  readonly embeddings: readonly Float32Array[];
  readonly usage: { readonly inputTokens: number };
}
