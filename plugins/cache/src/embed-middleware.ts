import type { EmbeddingCache } from '@hotpath/cache';
import type { Middleware } from '@hotpath/protocol';
import type { TenantScopes } from './tenant-scopes.ts';

/**
 * Answers embedding batches from the embedding cache (in the call's tenant scope), which sends
 * upstream only the missing distinct texts. Sets `ctx.locals.cache` to `hit` when every text was
 * cached, `miss` otherwise, and `ctx.locals.cachedEmbeddings` to the number of cached texts.
 */
export function cacheEmbed(embeddings: EmbeddingCache, scopes: TenantScopes): Middleware<'embed'> {
  return (next) => async (request, context) => {
    const scope = scopes.of(context);
    const { cached, ...result } = await embeddings.embed(
      request,
      (missing) => next(missing, context),
      { scope },
    );
    context.locals.cachedEmbeddings = cached;
    context.locals.cache = cached === request.input.length ? 'hit' : 'miss';
    return result;
  };
}
