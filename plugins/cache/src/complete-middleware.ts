import type { ResponseCache } from '@hotpath/cache';
import type { Middleware } from '@hotpath/protocol';
import { cacheCallOptions } from './request-policy.ts';
import type { TenantScopes } from './tenant-scopes.ts';

/**
 * Answers completions from the response cache, which computes the key, runs concurrent
 * identical calls as one upstream call, and reports the outcome: `ctx.locals.cache` gets `hit`,
 * `shared` or `miss` (unset when the request is not cacheable), and `ctx.locals.cacheSavings`
 * what a `hit` or `shared` call saved.
 */
export function cacheComplete(
  responses: ResponseCache,
  force: boolean,
  scopes: TenantScopes,
): Middleware<'complete'> {
  return (next) => async (request, context) => {
    if (!force && !responses.isDeterministic(request)) return next(request, context);
    const options = cacheCallOptions(request, context, scopes.of(context));
    const answer = await responses.complete(
      request,
      (req, signal) => next(req, signal === undefined ? context : { ...context, signal }),
      force ? { ...options, force } : options,
    );
    if (answer.outcome !== 'bypass') context.locals.cache = answer.outcome;
    if (answer.saved !== undefined) context.locals.cacheSavings = answer.saved;
    return answer.result;
  };
}
