import { resolve } from 'node:path';
import type { Cache } from '../cache.ts';
import type { GetOrSetStatus } from '../cache-options.ts';
import { CacheArgumentError } from '../errors.ts';
import type { HashFunction } from './hash.ts';
import { Keyer } from './request-key.ts';

/** Caching policy of one tool. */
export interface ToolPolicy {
  /** False for tools with side effects or volatile results. @default true */
  readonly cacheable?: boolean;
  /** TTL of a result in ms. @default the cache's `defaultTtl` */
  readonly ttl?: number;
  /** Files a call's result depends on; `invalidateFile(path)` drops those results. */
  readonly files?: (args: unknown) => readonly string[];
}

/** Options of {@link ToolResultCache}. */
export interface ToolResultCacheOptions {
  /** The multi-tier cache to store results in (namespace `llm:tool`). */
  readonly cache: Cache;
  /** Policies by tool name; tools without one use the defaults. */
  readonly tools?: { readonly [name: string]: ToolPolicy };
  /** TTL of results of tools without their own. @default 300000 (5 min) */
  readonly defaultTtl?: number;
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

/** Runs a tool. */
export type ToolExecute<T> = (args: unknown, signal: AbortSignal | undefined) => T | Promise<T>;

function fileTag(path: string): string {
  return `file:${resolve(path)}`;
}

/**
 * Caches tool results by tool name, tenant scope and canonical arguments, with a TTL and a
 * cacheable flag per tool. Results that read files are tagged with them, so
 * `invalidateFile(path)` drops every dependent result in O(1).
 * @example
 * ```ts
 * const tools = new ToolResultCache({ cache, tools: { readFile: { ttl: 60_000, files: (a) => [(a as { path: string }).path] }, sendEmail: { cacheable: false } } });
 * const text = await tools.run('readFile', { path: 'README.md' }, (args) => readFile((args as { path: string }).path, 'utf8'));
 * watcher.on('change', (path) => tools.invalidateFile(path));
 * ```
 */
export class ToolResultCache {
  readonly #cache: Cache;
  readonly #tools: NonNullable<ToolResultCacheOptions['tools']>;
  readonly #defaultTtl: number;
  readonly #keys: Keyer;

  constructor(options: ToolResultCacheOptions) {
    if (typeof options?.cache?.getOrSet !== 'function')
      throw new CacheArgumentError('options.cache', 'a Cache', options?.cache);
    this.#cache = options.cache.namespace('llm:tool');
    this.#tools = options.tools ?? {};
    this.#defaultTtl = options.defaultTtl ?? 300_000;
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
    const policy = this.#tools[name] ?? {};
    if (policy.cacheable === false) return execute(args, options.signal);
    const scope = options.scope ?? '';
    if (typeof scope !== 'string')
      throw new CacheArgumentError('options.scope', 'a string (tenant id or API-key hash)', scope);
    const key = await this.#keys.values(`${name}:`, [name, scope, args]);
    const files = [...(policy.files?.(args) ?? []), ...(options.files ?? [])];
    const tags = [`tool:${name}`, ...files.map(fileTag)];
    const ttl = policy.ttl ?? this.#defaultTtl;
    const { signal, status } = options;
    const spec = {
      ttl,
      tags,
      ...(signal === undefined ? {} : { signal }),
      ...(status === undefined ? {} : { status }),
    };
    return this.#cache.getOrSet<T>(key, ({ signal }) => execute(args, signal), spec);
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
