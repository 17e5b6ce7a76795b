import type { ResponseCache, StreamCache } from '@hotpath/cache';
import type { CompletionRequest, Middleware } from '@hotpath/protocol';
import { SAVED_LOCAL } from './complete-middleware.ts';
import { cacheCallOptions } from './request-policy.ts';
import type { SavingsCounter } from './savings.ts';
import { tenantScope } from './scope.ts';

/** What the stream middleware needs. */
export interface StreamCaching {
  readonly streams: StreamCache;
  /** Decides determinism, so streams and completions follow one policy. */
  readonly responses: ResponseCache;
  readonly savings: SavingsCounter;
  readonly force: boolean;
}

/**
 * Replays finished streams as streams and lets concurrent identical streaming calls
 * share one upstream stream. Sets `ctx.locals.cache` to `hit` (replayed recording),
 * `shared` (joined a live stream) or `miss` once the first delta arrives.
 */
export function cacheStream(caching: StreamCaching): Middleware<'stream'> {
  const { streams, responses, savings, force } = caching;
  // Keys with a live upstream stream opened through this middleware.
  const live = new Set<string>();
  return (next) =>
    async function* (request, context) {
      if (!force && !responses.isDeterministic(request)) {
        yield* next(request, context);
        return;
      }
      const scope = tenantScope(context);
      // Both caches use the default hash, so the response cache's key is the stream cache's too.
      const pending = responses.key(request, scope);
      const key = typeof pending === 'string' ? pending : await pending;
      const joined = live.has(key);
      let opened = false;
      const upstream = async function* (req: CompletionRequest, signal: AbortSignal) {
        opened = true;
        live.add(key);
        try {
          yield* next(req, { ...context, signal });
        } finally {
          live.delete(key);
        }
      };
      let status: 'hit' | 'shared' | 'miss' | undefined;
      for await (const delta of streams.stream(
        request,
        upstream,
        cacheCallOptions(request, context, scope, key),
      )) {
        if (status === undefined) {
          status = opened ? 'miss' : joined ? 'shared' : 'hit';
          context.locals.cache = status;
        }
        if (status !== 'miss' && delta.type === 'usage') {
          context.locals[SAVED_LOCAL] = savings.addUsage(request.model, delta.usage);
        }
        yield delta;
      }
    };
}
