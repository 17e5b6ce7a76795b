import {
  Cache,
  type CacheOptions,
  createCache,
  createSqliteStore,
  EmbeddingCache,
  ResponseCache,
  StreamCache,
  type ToolPolicy,
  ToolResultCache,
} from '@hotpath/cache';
import type { Plugin, PluginContext } from '@hotpath/protocol';
import { cacheComplete } from './complete-middleware.ts';
import { cacheEmbed } from './embed-middleware.ts';
import { type CachePluginOptions, checkOptions } from './options.ts';
import { type CacheSavings, totalSavings } from './savings.ts';
import { cacheStream } from './stream-middleware.ts';
import { TenantScopes } from './tenant-scopes.ts';
import { cacheTool } from './tool-middleware.ts';

/** The `cache` service: the caches the plugin uses, and what hits saved. */
export interface CacheService {
  /** The multi-tier cache every LLM cache stores in. */
  readonly cache: Cache;
  readonly responses: ResponseCache;
  readonly streams: StreamCache;
  readonly embeddings: EmbeddingCache;
  readonly tools: ToolResultCache;
  /** Tokens, time and money saved by completion and stream hits (and shared calls) since setup. */
  savings(): CacheSavings;
}

declare module '@hotpath/protocol' {
  interface Services {
    cache: CacheService;
  }
}

/**
 * Opens the plugin's own cache: the given options, with an SQLite L2 unless they name one. Its
 * WAL is checkpointed by a worker thread, so no request waits for the file to sync.
 */
async function openCache(options: CachePluginOptions): Promise<Cache> {
  const given = (options.cache ?? {}) as CacheOptions;
  if (given.l2 !== undefined) return createCache(given);
  const store = await createSqliteStore({
    checkpoints: 'background',
    ...(options.sqlitePath === undefined ? {} : { path: options.sqlitePath }),
  });
  return createCache({ ...given, l2: store });
}

/**
 * Tool policies by name: the plugin's own tools first, then `toolPolicies`. Tools other plugins
 * register are looked up through the host at call time and use their own `cacheable`/`ttlMs`.
 */
function toolPolicies(options: CachePluginOptions): Map<string, ToolPolicy> {
  const policies = new Map<string, ToolPolicy>();
  const add = (name: string, cacheable: boolean | undefined, ttlMs: number | undefined) =>
    policies.set(name, { cacheable: cacheable === true, ...(ttlMs ? { ttlMs } : {}) });
  for (const tool of options.tools ?? []) add(tool.name, tool.cacheable, tool.ttlMs);
  for (const [name, p] of Object.entries(options.toolPolicies ?? {}))
    add(name, p.cacheable, p.ttlMs);
  return policies;
}

function caches(cache: Cache, options: CachePluginOptions, policies: Map<string, ToolPolicy>) {
  const { determinism = {}, prices } = options;
  const priced = prices === undefined ? {} : { prices };
  const responses = new ResponseCache({
    cache,
    ...(determinism.maxTemperature !== undefined
      ? { maxTemperature: determinism.maxTemperature }
      : {}),
    ...(determinism.ttlMs !== undefined ? { ttlMs: determinism.ttlMs } : {}),
    ...priced,
  });
  return {
    cache,
    responses,
    streams: new StreamCache({ cache, ...priced }),
    embeddings: new EmbeddingCache({ cache }),
    tools: new ToolResultCache({ cache, tools: Object.fromEntries(policies) }),
  };
}

async function setup(context: PluginContext, options: CachePluginOptions): Promise<void> {
  const owned = !(options.cache instanceof Cache);
  const cache = owned ? await openCache(options) : (options.cache as Cache);
  if (owned) context.onClose(() => cache.close());
  const policies = toolPolicies(options);
  const service = caches(cache, options, policies);
  const { responses, streams } = service;
  const force = options.determinism?.force === true;
  context.provide('cache', {
    ...service,
    savings: () => totalSavings(responses.stats(), streams.stats()),
  });
  const scopes = new TenantScopes();
  context.wrap('complete', cacheComplete(responses, force, scopes));
  context.wrap('stream', cacheStream(streams, responses, force, scopes));
  context.wrap('embed', cacheEmbed(service.embeddings, scopes));
  const lookup = (name: string) => context.tool(name);
  context.wrap('tool', cacheTool({ cache, tools: service.tools, policies, lookup, scopes }));
  for (const tool of options.tools ?? []) context.registerTool(tool);
}

/**
 * The cache plugin: caches completions, streams, embeddings and tool results, scoped
 * per API key, and provides the `cache` service with a `savings()` report. Each call's
 * outcome is a typed per-call local: `ctx.locals.cache` (`hit`, `shared`, `miss`) and
 * `ctx.locals.cacheSavings`, which a caller reads from the `locals` it passed in.
 * @example
 * ```ts
 * const host = createHost({
 *   provider,
 *   plugins: [cachePlugin({ prices: { 'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 } } })],
 * });
 * await host.complete({ model: 'gpt-4o-mini', temperature: 0, messages }); // miss
 * const locals: CallLocals = {};
 * await host.complete({ model: 'gpt-4o-mini', temperature: 0, messages }, { locals }); // hit
 * console.log(locals.cache, locals.cacheSavings, host.service('cache').savings());
 * ```
 */
export function cachePlugin(options: CachePluginOptions = {}): Plugin {
  checkOptions(options);
  return { name: 'cache', setup: (context) => setup(context, options) };
}
