import type { EmbeddingCache, EmbeddingSpace } from '@hotpath/cache';
import type { EmbeddingRequest, Middleware } from '@hotpath/protocol';
import { tenantScope } from './scope.ts';

/** `ctx.locals` key holding how many of a batch's texts came from the cache. */
export const EMBEDDINGS_CACHED_LOCAL = 'cache:embeddingsCached';

function spaceOf(request: EmbeddingRequest, scope: string): EmbeddingSpace {
  // The tenant scope is folded into the space so tenants never share vectors.
  const model = scope === '' ? request.model : `${scope}/${request.model}`;
  return request.dimensions === undefined ? { model } : { model, dimensions: request.dimensions };
}

/**
 * Answers embedding batches from the embedding cache and sends upstream only the
 * missing distinct texts. Sets `ctx.locals.cache` to `hit` when every text was cached,
 * `miss` otherwise, and `ctx.locals['cache:embeddingsCached']` to the number of cached texts.
 */
export function cacheEmbed(embeddings: EmbeddingCache): Middleware<'embed'> {
  return (next) => async (request, context) => {
    const space = spaceOf(request, tenantScope(context));
    const cached = await embeddings.getMany(request.input, space);
    const missing = [...new Set(request.input.filter((_, i) => cached[i] === undefined))];
    const hits = cached.length - request.input.filter((_, i) => cached[i] === undefined).length;
    context.locals[EMBEDDINGS_CACHED_LOCAL] = hits;
    context.locals.cache = missing.length === 0 ? 'hit' : 'miss';
    if (missing.length === 0) {
      const vectors = cached as Float32Array[];
      return { model: request.model, embeddings: vectors, usage: { inputTokens: 0 } };
    }
    const fresh = await next({ ...request, input: missing }, context);
    await embeddings.setMany(missing, [...fresh.embeddings], space);
    // setMany checked that upstream returned one vector per missing text.
    const byText = new Map(missing.map((text, i) => [text, fresh.embeddings[i]!]));
    const vectors = request.input.map((text, i) => cached[i] ?? byText.get(text)!);
    return { model: fresh.model, embeddings: vectors, usage: fresh.usage };
  };
}
