import { resolve } from 'node:path';
import { checkKnownKeys, type KnownKeys, knownKeys } from '@hotpath/protocol';
import type { Cache } from '../cache.ts';
import type { GetOrSetStatus } from '../cache-options.ts';
import { argumentError, CacheArgumentError } from '../errors.ts';
import { frozen } from './frozen.ts';
import type { HashFunction } from './hash.ts';
import { Keyer } from './request-key.ts';

/** Caching policy of one tool. */
export interface ToolPolicy {
  /** False for tools with side effects or volatile results. @default true */
  readonly cacheable?: boolean;
  /** Time to live of a result, in ms. @default the cache's `defaultTtlMs` */
  readonly ttlMs?: number;
  /** Files a call's result depends on; `invalidateFile(path)` drops those results. */
  readonly files?: (args: unknown) => readonly string[];
}

/** Options of {@link ToolResultCache}. */
export interface ToolResultCacheOptions {
  /** The multi-tier cache to store results in (namespace `llm:tool`). */
  readonly cache: Cache;
  /** Policies by tool name; tools without one use the defaults. */
  readonly tools?: { readonly [name: string]: ToolPolicy };
  /** Time to live of results of tools without their own, in ms. @default 300000 (5 min) */
  readonly defaultTtlMs?: number;
  /** Hash of tool name and canonical arguments. @default SHA-256 inline */
  readonly hash?: HashFunction;
}

/** Per-call options of {@link ToolResultCache.run}. */
export interface ToolCallOptions {
  /** Tenant (an id, or a hash of the API key): part of the key, so tenants never share results. @default '' */
  readonly scope?: string;
  /** Files this call depends on, in addition to the policy's. */
  readonly files?: readonly string[];
  readonly signal?: AbortSignal;
  /**
   * Receives how the result was found: `hit`, `shared` (an identical call in flight) or `miss`
   * (this call ran the tool). Left unset for tools whose results are not cached.
   */
  readonly status?: GetOrSetStatus;
}

const OPTIONS: KnownKeys = knownKeys<ToolResultCacheOptions>({
  cache: true,
  tools: true,
  defaultTtlMs: true,
  hash: true,
});
const POLICY: KnownKeys = knownKeys<ToolPolicy>({ cacheable: true, ttlMs: true, files: true });
const CALL_OPTIONS: KnownKeys = knownKeys<ToolCallOptions>({
  scope: true,
  files: true,
  signal: true,
  status: true,
});

/** Runs a tool. */
export type ToolExecute<T> = (args: unknown, signal: AbortSignal | undefined) => T | Promise<T>;

/** Checks each tool's policy once, when the cache is made. */
function checkPolicies(
  tools: NonNullable<ToolResultCacheOptions['tools']>,
): NonNullable<ToolResultCacheOptions['tools']> {
  if (typeof tools !== 'object' || tools === null)
    throw new CacheArgumentError('options.tools', 'an object of policies by tool name', tools);
  for (const [name, policy] of Object.entries(tools)) {
    if (typeof policy !== 'object' || policy === null)
      throw new CacheArgumentError(`options.tools.${name}`, 'a tool policy object', policy);
    checkKnownKeys(policy, POLICY, `options.tools.${name}`, argumentError);
  }
  return tools;
}

function fileTag(path: string): string {
  return `file:${resolve(path)}`;
}

/**
 * Caches tool results by tool name, tenant scope and canonical arguments, with a TTL and a
 * cacheable flag per tool. Results that read files are tagged with them, so
 * `invalidateFile(path)` drops every dependent result in O(1).
 * @example
 * ```ts
 * const tools = new ToolResultCache({ cache, tools: { readFile: { ttlMs: 60_000, files: (a) => [(a as { path: string }).path] }, sendEmail: { cacheable: false } } });
 * const text = await tools.run('readFile', { path: 'README.md' }, (args) => readFile((args as { path: string }).path, 'utf8'));
 * watcher.on('change', (path) => tools.invalidateFile(path));
 * ```
 */
export class ToolResultCache {
  readonly #cache: Cache;
  readonly #tools: NonNullable<ToolResultCacheOptions['tools']>;
  readonly #defaultTtlMs: number;
  readonly #keys: Keyer;

  constructor(options: ToolResultCacheOptions) {
    if (typeof options?.cache?.getOrSet !== 'function')
      throw new CacheArgumentError('options.cache', 'a Cache', options?.cache);
    checkKnownKeys(options, OPTIONS, 'options', argumentError);
    this.#cache = options.cache.namespace('llm:tool');
    this.#tools = checkPolicies(options.tools ?? {});
    this.#defaultTtlMs = options.defaultTtlMs ?? 300_000;
    this.#keys = new Keyer(options.hash);
  }

  /** The cached result of `name(args)`, or runs it once for all concurrent identical calls. */
  async run<T>(
    name: string,
    args: unknown,
    execute: ToolExecute<T>,
    options: ToolCallOptions = {},
  ): Promise<T> {
    if (typeof name !== 'string' || name === '')
      throw new CacheArgumentError('name', 'a non-empty tool name', name);
    if (typeof execute !== 'function')
      throw new CacheArgumentError('execute', 'a function', execute);
    checkKnownKeys(options, CALL_OPTIONS, 'options', argumentError);
    const policy = this.#tools[name] ?? {};
    if (policy.cacheable === false) return execute(args, options.signal);
    const scope = options.scope ?? '';
    if (typeof scope !== 'string')
      throw new CacheArgumentError('options.scope', 'a string (tenant id or API-key hash)', scope);
    const key = await this.#keys.values(`${name}:`, [name, scope, args]);
    const files = [...(policy.files?.(args) ?? []), ...(options.files ?? [])];
    const tags = [`tool:${name}`, ...files.map(fileTag)];
    const ttlMs = policy.ttlMs ?? this.#defaultTtlMs;
    const { signal, status } = options;
    const spec = {
      ttlMs,
      tags,
      ...(signal === undefined ? {} : { signal }),
      ...(status === undefined ? {} : { status }),
    };
    // Every caller gets the result stored, frozen (see `frozen`); one read back from L2 is new.
    const result = await this.#cache.getOrSet<T>(
      key,
      async ({ signal }) => frozen(await execute(args, signal)),
      spec,
    );
    return frozen(result);
  }

  /** Drops every result that depends on `path` (resolved against the working directory). */
  async invalidateFile(path: string): Promise<void> {
    if (typeof path !== 'string' || path === '')
      throw new CacheArgumentError('path', 'a non-empty file path', path);
    await this.#cache.invalidateTags([fileTag(path)]);
  }

  /** Drops every result of one tool. */
  async invalidateTool(name: string): Promise<void> {
    if (typeof name !== 'string' || name === '')
      throw new CacheArgumentError('name', 'a non-empty tool name', name);
    await this.#cache.invalidateTags([`tool:${name}`]);
  }
}
