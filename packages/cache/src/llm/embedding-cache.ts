import {
  checkKnownKeys,
  type EmbeddingRequest,
  type EmbeddingResult,
  type KnownKeys,
  knownKeys,
} from '@hotpath/protocol';
import type { Cache } from '../cache.ts';
import { argumentError, CacheArgumentError } from '../errors.ts';
import type { HashFunction } from './hash.ts';
import { Keyer } from './request-key.ts';

/** Options of {@link EmbeddingCache}. */
export interface EmbeddingCacheOptions {
  /** The multi-tier cache to store vectors in (namespace `llm:embedding`). */
  readonly cache: Cache;
  /** Hash of text, model and dimensions. @default SHA-256 inline */
  readonly hash?: HashFunction;
  /** Time to live of a vector, in ms. @default Infinity (embeddings of a model do not change) */
  readonly ttlMs?: number;
}

const OPTIONS: KnownKeys = knownKeys<EmbeddingCacheOptions>({
  cache: true,
  hash: true,
  ttlMs: true,
});

/** Which vectors: the model, its output dimensions, and the tenant they belong to. */
export interface EmbeddingSpace {
  readonly model: string;
  readonly dimensions?: number;
  /** Tenant (an id, or a hash of the API key): part of the key, so tenants never share vectors. @default '' */
  readonly scope?: string;
}

/** Computes the missing embeddings. */
export type EmbedCall = (request: EmbeddingRequest) => Promise<EmbeddingResult>;

/** Float32 vector → its raw bytes (4 per dimension), copied so the caller's buffer is not retained. */
function toBytes(vector: Float32Array): Uint8Array {
  return new Uint8Array(
    vector.buffer.slice(vector.byteOffset, vector.byteOffset + vector.byteLength),
  );
}

/**
 * Raw bytes → a Float32 vector of its own. Always a copy: L1 holds the very bytes it was given,
 * so a view would let a caller that normalises its vector in place change every later hit.
 */
function fromBytes(bytes: Uint8Array): Float32Array {
  return new Float32Array(bytes.slice().buffer);
}

function checkSpace(space: EmbeddingSpace): void {
  if (typeof space?.model !== 'string' || space.model === '')
    throw new CacheArgumentError('space.model', 'a non-empty model name', space?.model);
  if (space.scope !== undefined && typeof space.scope !== 'string')
    throw new CacheArgumentError(
      'space.scope',
      'a string (tenant id or API-key hash)',
      space.scope,
    );
  const { dimensions } = space;
  if (dimensions !== undefined && !(Number.isInteger(dimensions) && dimensions > 0)) {
    throw new CacheArgumentError('space.dimensions', 'a positive integer', dimensions);
  }
}

function checkTexts(texts: unknown): asserts texts is readonly string[] {
  if (!Array.isArray(texts) || !texts.every((text) => typeof text === 'string')) {
    throw new CacheArgumentError('texts', 'an array of strings', texts);
  }
}

/**
 * Caches embedding vectors as raw Float32 bytes, keyed by text, model and dimensions.
 * Batches answer partial hits in input order and ask upstream only for the missing,
 * deduplicated texts.
 * @example
 * ```ts
 * const embeddings = new EmbeddingCache({ cache });
 * const { embeddings: vectors } = await embeddings.embed({ model: 'text-embedding-3-small', input: texts }, (req) => provider.embed(req));
 * ```
 */
export class EmbeddingCache {
  readonly #cache: Cache;
  readonly #keys: Keyer;
  readonly #ttlMs: number;

  constructor(options: EmbeddingCacheOptions) {
    if (typeof options?.cache?.getOrSet !== 'function')
      throw new CacheArgumentError('options.cache', 'a Cache', options?.cache);
    checkKnownKeys(options, OPTIONS, 'options', argumentError);
    this.#cache = options.cache.namespace('llm:embedding');
    this.#keys = new Keyer(options.hash);
    this.#ttlMs = options.ttlMs ?? Number.POSITIVE_INFINITY;
  }

  /** The key of one text in a space. */
  async key(text: string, space: EmbeddingSpace): Promise<string> {
    const { model, dimensions, scope = '' } = space;
    return this.#keys.values('', [model, dimensions ?? null, scope, text]);
  }

  /** Cached vectors in input order, `undefined` for misses; each distinct text is looked up once. */
  async getMany(
    texts: readonly string[],
    space: EmbeddingSpace,
  ): Promise<(Float32Array | undefined)[]> {
    checkTexts(texts);
    checkSpace(space);
    const unique = [...new Set(texts)];
    const found = await Promise.all(
      unique.map(async (text) => this.#cache.get<Uint8Array>(await this.key(text, space))),
    );
    const byText = new Map(unique.map((text, i) => [text, found[i]]));
    return texts.map((text) => {
      const bytes = byText.get(text);
      return bytes === undefined ? undefined : fromBytes(bytes);
    });
  }

  /** Stores vectors for texts (pairs by index); duplicate texts are stored once. */
  async setMany(
    texts: readonly string[],
    vectors: readonly Float32Array[],
    space: EmbeddingSpace,
  ): Promise<void> {
    checkTexts(texts);
    checkSpace(space);
    if (
      !Array.isArray(vectors) ||
      vectors.length !== texts.length ||
      !vectors.every((v) => v instanceof Float32Array)
    ) {
      throw new CacheArgumentError('vectors', `an array of ${texts.length} Float32Arrays`, vectors);
    }
    const pairs = new Map(texts.map((text, i) => [text, vectors[i]!]));
    await Promise.all(
      [...pairs].map(async ([text, vector]) =>
        this.#cache.set(await this.key(text, space), toBytes(vector), { ttlMs: this.#ttlMs }),
      ),
    );
  }

  /** Answers a batch from the cache (in `options.scope`), calling upstream once for the missing distinct texts. */
  async embed(
    request: EmbeddingRequest,
    call: EmbedCall,
    options: { readonly scope?: string } = {},
  ): Promise<EmbeddingResult & { readonly cached: number }> {
    const space: EmbeddingSpace = {
      model: request.model,
      ...(request.dimensions === undefined ? {} : { dimensions: request.dimensions }),
      ...(options.scope === undefined ? {} : { scope: options.scope }),
    };
    const cached = await this.getMany(request.input, space);
    const missing = [...new Set(request.input.filter((_, i) => cached[i] === undefined))];
    if (missing.length === 0) {
      return {
        model: request.model,
        embeddings: cached as Float32Array[],
        usage: { inputTokens: 0 },
        cached: request.input.length,
      };
    }
    const fresh = await call({ ...request, input: missing });
    await this.setMany(missing, fresh.embeddings, space);
    const byText = new Map(missing.map((text, i) => [text, fresh.embeddings[i]!]));
    const embeddings = request.input.map((text, i) => cached[i] ?? byText.get(text)!);
    const hits = cached.filter((vector) => vector !== undefined).length;
    return { model: fresh.model, embeddings, usage: fresh.usage, cached: hits };
  }
}
