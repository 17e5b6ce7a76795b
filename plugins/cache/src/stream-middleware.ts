import type { ResponseCache, StreamCache, StreamStatus } from '@hotpath/cache';
import type { Middleware } from '@hotpath/protocol';
import { cacheCallOptions } from './request-policy.ts';
import type { TenantScopes } from './tenant-scopes.ts';

/**
 * Replays finished streams as streams and lets concurrent identical streaming calls share one
 * upstream stream; the stream cache computes the key and reports the outcome. From the first
 * delta on, `ctx.locals.cache` is `hit` (a replayed recording), `shared` (joined a live stream)
 * or `miss`; `ctx.locals.cacheSavings` is set when a `hit` or `shared` stream's usage passes.
 * `responses` decides determinism, so streams and completions follow one policy.
 */
export function cacheStream(
  streams: StreamCache,
  responses: ResponseCache,
  force: boolean,
  scopes: TenantScopes,
): Middleware<'stream'> {
  return (next) =>
    async function* (request, context) {
      if (!force && !responses.isDeterministic(request)) {
        yield* next(request, context);
        return;
      }
      const status: StreamStatus = {};
      const { locals } = context;
      const upstream = (req: typeof request, signal: AbortSignal) =>
        next(req, { ...context, signal });
      const options = { ...cacheCallOptions(request, context, scopes.of(context)), status };
      for await (const delta of streams.stream(request, upstream, options)) {
        if (status.outcome !== undefined) locals.cache = status.outcome;
        if (status.saved !== undefined) locals.cacheSavings = status.saved;
        yield delta;
      }
    };
}
