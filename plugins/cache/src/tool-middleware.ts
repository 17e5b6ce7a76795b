import type { ToolResultCache } from '@hotpath/cache';
import type { Middleware } from '@hotpath/protocol';
import { tenantScope } from './scope.ts';

/**
 * Caches results of tools whose policy is cacheable, per tenant; other tools run as
 * usual. Sets `ctx.locals.cache` to `hit` or `miss` for cacheable tools.
 */
export function cacheTool(
  tools: ToolResultCache,
  cacheable: ReadonlySet<string>,
): Middleware<'tool'> {
  return (next) => async (invocation, context) => {
    if (!cacheable.has(invocation.name)) return next(invocation, context);
    let ran = false;
    const args = { scope: tenantScope(context), args: invocation.args };
    const result = await tools.run(
      invocation.name,
      args,
      (_, signal) => {
        ran = true;
        return next(invocation, signal === undefined ? context : { ...context, signal });
      },
      context.signal ? { signal: context.signal } : {},
    );
    context.locals.cache = ran ? 'miss' : 'hit';
    return result;
  };
}
