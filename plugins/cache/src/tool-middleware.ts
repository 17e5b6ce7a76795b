import { type Cache, type GetOrSetStatus, type ToolPolicy, ToolResultCache } from '@hotpath/cache';
import type { Middleware, Tool, ToolInvocation } from '@hotpath/protocol';
import type { TenantScopes } from './tenant-scopes.ts';

/** What the tool middleware needs. */
export interface ToolCaching {
  /** The cache tool results are stored in. */
  readonly cache: Cache;
  /** The result cache of the configured policies (the service's `tools`). */
  readonly tools: ToolResultCache;
  /** Policies from the plugin's options: its own tools, then `toolPolicies`. They win. */
  readonly policies: ReadonlyMap<string, ToolPolicy>;
  /** The host's live tool lookup (`context.tool`). */
  readonly lookup: (name: string) => Tool | undefined;
  /** The plugin's tenant scopes. */
  readonly scopes: TenantScopes;
}

/**
 * The result cache for one tool, or `undefined` when its results are not cached: the configured
 * policy if there is one, else the tool's own `cacheable` and `ttlMs`, read once per tool.
 */
function resultCaches(caching: ToolCaching): (name: string) => ToolResultCache | undefined {
  // Per compiled chain: a lazy plugin loading later recompiles the chain and starts this afresh.
  const byDefinition = new Map<string, ToolResultCache | null>();
  return (name) => {
    const policy = caching.policies.get(name);
    if (policy !== undefined) return policy.cacheable ? caching.tools : undefined;
    let found = byDefinition.get(name);
    if (found === undefined) {
      const tool = caching.lookup(name);
      // An unknown tool is not remembered: the terminal rejects it, and it may be registered later.
      if (tool === undefined) return undefined;
      found = tool.cacheable === true ? definitionCache(caching.cache, tool) : null;
      byDefinition.set(name, found);
    }
    return found ?? undefined;
  };
}

/** A result cache with the tool's own TTL, over the same entries as the service's. */
function definitionCache(cache: Cache, tool: Tool): ToolResultCache {
  const policy: ToolPolicy = { cacheable: true, ...(tool.ttlMs ? { ttlMs: tool.ttlMs } : {}) };
  return new ToolResultCache({ cache, tools: { [tool.name]: policy } });
}

/**
 * Caches results of cacheable tools per tenant: those the plugin's options call cacheable, and
 * tools any plugin registered with `cacheable: true` (found through the host's tool lookup);
 * other tools run as usual. Sets `ctx.locals.cache` to `hit`, `shared` or `miss` for cached tools.
 */
export function cacheTool(caching: ToolCaching): Middleware<'tool'> {
  return (next) => {
    const cacheFor = resultCaches(caching);
    return async (invocation: ToolInvocation, context) => {
      const tools = cacheFor(invocation.name);
      if (tools === undefined) return next(invocation, context);
      const status: GetOrSetStatus = {};
      const { signal } = context;
      const result = await tools.run(
        invocation.name,
        invocation.args,
        (_, own) => next(invocation, own === undefined ? context : { ...context, signal: own }),
        { scope: caching.scopes.of(context), status, ...(signal ? { signal } : {}) },
      );
      if (status.outcome !== undefined) context.locals.cache = status.outcome;
      return result;
    };
  };
}
