import type { ResponseCache } from '@hotpath/cache';
import type { Middleware } from '@hotpath/protocol';
import { cacheCallOptions } from './request-policy.ts';
import type { SavingsCounter } from './savings.ts';
import { tenantScope } from './scope.ts';

/** What the completion middleware needs. */
export interface CompleteCaching {
  readonly responses: ResponseCache;
  readonly savings: SavingsCounter;
  readonly force: boolean;
}

/** `ctx.locals` key holding the savings of one hit. */
export const SAVED_LOCAL = 'cache:saved';

/**
 * Answers completions from the response cache; concurrent identical calls share one
 * upstream call. Sets `ctx.locals.cache` to `hit`, `shared` or `miss` (left unset when
 * the request is not cacheable).
 */
export function cacheComplete(caching: CompleteCaching): Middleware<'complete'> {
  const { responses, savings, force } = caching;
  // Keys with an upstream call running, so a coalesced caller reports `shared`, not `hit`.
  const inFlight = new Map<string, number>();
  return (next) => async (request, context) => {
    if (!force && !responses.isDeterministic(request)) return next(request, context);
    const scope = tenantScope(context);
    const pending = responses.key(request, scope);
    const key = typeof pending === 'string' ? pending : await pending;
    const joined = inFlight.has(key);
    let called = false;
    const outcome = await responses.complete(
      request,
      async (req, signal) => {
        called = true;
        inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
        try {
          return await next(req, signal === undefined ? context : { ...context, signal });
        } finally {
          const left = (inFlight.get(key) ?? 1) - 1;
          if (left === 0) inFlight.delete(key);
          else inFlight.set(key, left);
        }
      },
      force
        ? { ...cacheCallOptions(request, context, scope, key), force }
        : cacheCallOptions(request, context, scope, key),
    );
    if (!outcome.cached || called) {
      context.locals.cache = 'miss';
      return outcome.result;
    }
    context.locals.cache = joined ? 'shared' : 'hit';
    if (outcome.saved !== undefined) {
      savings.add(outcome.saved);
      context.locals[SAVED_LOCAL] = outcome.saved;
    }
    return outcome.result;
  };
}
