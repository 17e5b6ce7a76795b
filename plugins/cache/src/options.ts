import type { Cache, CacheOptions, PriceTable } from '@hotpath/cache';
import { checkKnownKeys, type KnownKeys, knownKeys, type Tool } from '@hotpath/protocol';
import { CachePluginArgumentError } from './errors.ts';

/** Which completions are cached: passed through to `ResponseCache`. */
export interface DeterminismPolicy {
  /** Requests at or below this temperature, or with a seed, are cached. @default 0 */
  readonly maxTemperature?: number;
  /** Cache every request, deterministic or not. @default false */
  readonly force?: boolean;
  /** Time to live of an answer in ms, or a function of the temperature giving it. @default 24 h at temperature 0 (or seeded), 1 h otherwise */
  readonly ttlMs?: number | ((temperature: number | undefined) => number);
}

/** Caching policy of a tool registered by another plugin. */
export interface ToolCachePolicy {
  /** Whether results may be cached. @default false */
  readonly cacheable?: boolean;
  /** How long a cached result lives, in ms. @default 300000 (5 min) */
  readonly ttlMs?: number;
}

/** Options of `cachePlugin()`. */
export interface CachePluginOptions {
  /**
   * The `@hotpath/cache` instance to use (you close it), or options for one the plugin
   * creates and closes with the host.
   * @default an L1 memory cache with an embedded SQLite L2 at `sqlitePath`
   */
  readonly cache?: Cache | CacheOptions;
  /**
   * The SQLite file of the default L2, used when `cache` is not a `Cache` and has no `l2`.
   * @default '.hotpath/cache.sqlite' under the working directory
   */
  readonly sqlitePath?: string;
  /** Which completions and streams are cached. */
  readonly determinism?: DeterminismPolicy;
  /** Prices, so hits report the money they saved. */
  readonly prices?: PriceTable;
  /**
   * Tools the plugin registers on the host; results of those with `cacheable: true`
   * are cached for their `ttlMs`.
   */
  readonly tools?: readonly Tool[];
  /**
   * Policies of tools registered by other plugins, by tool name. Without one, a tool's own
   * `cacheable` and `ttlMs` apply (read through the host's `context.tool()`).
   */
  readonly toolPolicies?: { readonly [name: string]: ToolCachePolicy };
}

const OPTIONS: KnownKeys = knownKeys<CachePluginOptions>({
  cache: true,
  sqlitePath: true,
  determinism: true,
  prices: true,
  tools: true,
  toolPolicies: true,
});
const DETERMINISM: KnownKeys = knownKeys<DeterminismPolicy>({
  maxTemperature: true,
  force: true,
  ttlMs: true,
});
const TOOL_POLICY: KnownKeys = knownKeys<ToolCachePolicy>({ cacheable: true, ttlMs: true });

/** Rejects a key `known` does not list, naming the new spelling of an old one (`ttl` → `ttlMs`). */
function checkKeys(options: object, known: KnownKeys, name: string): void {
  checkKnownKeys(options, known, name, (message) => new CachePluginArgumentError(message));
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function checkDeterminism(value: unknown): void {
  if (value === undefined) return;
  if (!isObject(value)) throw new CachePluginArgumentError('options.determinism', 'an object');
  checkKeys(value, DETERMINISM, 'options.determinism');
  const { maxTemperature, force, ttlMs } = value as DeterminismPolicy;
  if (maxTemperature !== undefined && !(typeof maxTemperature === 'number' && maxTemperature >= 0))
    throw new CachePluginArgumentError('options.determinism.maxTemperature', 'a number ≥ 0');
  if (force !== undefined && typeof force !== 'boolean')
    throw new CachePluginArgumentError('options.determinism.force', 'a boolean');
  if (
    ttlMs !== undefined &&
    typeof ttlMs !== 'function' &&
    !(typeof ttlMs === 'number' && ttlMs > 0)
  )
    throw new CachePluginArgumentError('options.determinism.ttlMs', 'a number > 0 or a function');
}

function checkTools(tools: unknown, policies: unknown): void {
  if (tools !== undefined) {
    const valid =
      Array.isArray(tools) &&
      tools.every((t) => typeof t?.name === 'string' && typeof t.run === 'function');
    if (!valid) throw new CachePluginArgumentError('options.tools', 'an array of tools');
  }
  if (policies === undefined) return;
  if (!isObject(policies))
    throw new CachePluginArgumentError('options.toolPolicies', 'an object of policies by name');
  for (const [name, policy] of Object.entries(policies)) {
    if (!isObject(policy))
      throw new CachePluginArgumentError(`options.toolPolicies.${name}`, 'a tool cache policy');
    checkKeys(policy, TOOL_POLICY, `options.toolPolicies.${name}`);
  }
}

/** Throws a {@link CachePluginArgumentError} naming the first bad option. */
export function checkOptions(options: CachePluginOptions): void {
  if (!isObject(options)) throw new CachePluginArgumentError('options', 'an object');
  checkKeys(options, OPTIONS, 'options');
  if (options.cache !== undefined && !isObject(options.cache))
    throw new CachePluginArgumentError('options.cache', 'a Cache or cache options');
  if (options.sqlitePath !== undefined && typeof options.sqlitePath !== 'string')
    throw new CachePluginArgumentError('options.sqlitePath', 'a file path');
  if (options.prices !== undefined && !isObject(options.prices))
    throw new CachePluginArgumentError('options.prices', 'a price table');
  checkDeterminism(options.determinism);
  checkTools(options.tools, options.toolPolicies);
}
