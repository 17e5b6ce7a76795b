import { type Batcher, createBatcher } from '@hotpath/executor';
import type { EmbeddingRequest, EmbeddingResult, EmbedHandler } from '@hotpath/protocol';

/** One text's share of an upstream batch. */
interface Embedded {
  readonly vector: Float32Array;
  /** This text's share of the batch's input tokens, by length (fractional). */
  readonly tokens: number;
  readonly model: string;
}

/** Batching settings shared by every batcher of a host. */
export interface BatchSettings {
  readonly maxBatchSize: number;
  readonly maxWaitMs: number;
}

function loader(next: EmbedHandler, model: string, dimensions: number | undefined) {
  return async (texts: readonly string[]): Promise<Embedded[]> => {
    const request: EmbeddingRequest = {
      model,
      input: texts,
      ...(dimensions ? { dimensions } : {}),
    };
    const result = await next(request, { locals: {} });
    const chars = texts.reduce((sum, text) => sum + text.length, 0);
    const { inputTokens } = result.usage;
    // Mapping over the result (not the texts) lets the batcher reject a wrong-length answer.
    return result.embeddings.map((vector, i) => ({
      vector,
      tokens:
        chars === 0 ? inputTokens / texts.length : (inputTokens * (texts[i]?.length ?? 0)) / chars,
      model: result.model,
    }));
  };
}

/** The batchers of one compiled embed chain, one per model and dimensions. */
export class EmbedBatchers {
  readonly #next: EmbedHandler;
  readonly #settings: BatchSettings;
  readonly #batchers = new Map<string, Batcher<string, Embedded>>();

  constructor(next: EmbedHandler, settings: BatchSettings) {
    this.#next = next;
    this.#settings = settings;
  }

  /** Loads `request.input` through the batcher of its model and dimensions. */
  async embed(
    request: EmbeddingRequest,
    signal: AbortSignal | undefined,
  ): Promise<EmbeddingResult> {
    const batcher = this.#batcher(request.model, request.dimensions);
    const values = await batcher.loadMany(request.input, signal ? { signal } : {});
    const embeddings: Float32Array[] = [];
    let tokens = 0;
    for (const value of values) {
      if (value instanceof Error) throw value;
      embeddings.push(value.vector);
      tokens += value.tokens;
    }
    const model = (values[0] as Embedded).model;
    return { model, embeddings, usage: { inputTokens: Math.round(tokens) } };
  }

  #batcher(model: string, dimensions: number | undefined): Batcher<string, Embedded> {
    const key = `${model}\u0000${dimensions ?? ''}`;
    let batcher = this.#batchers.get(key);
    if (batcher === undefined) {
      batcher = createBatcher(loader(this.#next, model, dimensions), this.#settings);
      this.#batchers.set(key, batcher);
    }
    return batcher;
  }

  /** Refuses new calls and waits for the batches in flight. */
  async close(): Promise<void> {
    await Promise.all([...this.#batchers.values()].map((batcher) => batcher.close()));
  }
}
