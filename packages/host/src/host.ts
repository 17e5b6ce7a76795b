import { performance } from 'node:perf_hooks';
import type {
  CallOptions,
  CompletionRequest,
  CompletionResult,
  EmbeddingRequest,
  EmbeddingResult,
  Handlers,
  Plugin,
  Provider,
  Services,
  StreamDelta,
  Tool,
} from '@hotpath/protocol';
import { describeValue, MAX_TIMER_MS } from '@hotpath/protocol';
import {
  DuplicatePluginError,
  HostArgumentError,
  HostClosedError,
  MissingDependencyError,
  PluginSetupError,
  PluginSetupTimeoutError,
  TeardownError,
} from './errors.ts';
import { isLazy, type LazyPluginDescriptor, loadLazy, type PluginEntry } from './lazy-plugin.ts';
import { runTeardowns, withTimeout } from './lifecycle.ts';
import { compileChain } from './middleware-chain.ts';
import { checkKeys, HOST_OPTIONS } from './option-keys.ts';
import { orderPlugins } from './plugin-order.ts';
import { createPluginContext, Registry } from './registry.ts';
import {
  type RunToolsOptions,
  type RunToolsResult,
  runToolPlan,
  type ToolPlan,
} from './run-tools.ts';
import { callContext, deferStream, terminals } from './terminals.ts';

/** Options for {@link createHost}. */
export interface HostOptions {
  /** Plugins, in any order; the host orders them by their dependencies. */
  readonly plugins?: readonly PluginEntry[];
  /** Configuration per plugin name, passed to that plugin's `setup` as `context.config`. */
  readonly config?: { readonly [plugin: string]: { readonly [key: string]: unknown } };
  /** The provider calls end at, unless a plugin provides the `provider` service. */
  readonly provider?: Provider;
  /** Longest a plugin's setup may take: 0 to 2147483647 ms, or `Infinity` for no limit. @default 10000 */
  readonly setupTimeoutMs?: number;
  /** Longest one teardown may take when the host closes: as `setupTimeoutMs`. @default 5000 */
  readonly teardownTimeoutMs?: number;
}

/** How one plugin started. */
export interface PluginBootRecord {
  readonly name: string;
  readonly version: string | undefined;
  /** Time its setup took, in milliseconds (0 while a lazy plugin is not loaded). */
  readonly setupMs: number;
  readonly lazy: boolean;
  readonly loaded: boolean;
}

/** What `ready()` resolves with: each plugin's setup time, in setup order. */
export interface BootReport {
  readonly plugins: readonly PluginBootRecord[];
  readonly totalMs: number;
}

/** The plugin host: one pipeline for completions, streams, embeddings and tools. */
export interface Host extends AsyncDisposable {
  /** Sets every eager plugin up, in dependency order. Calls made before it wait for it. */
  ready(): Promise<BootReport>;
  /**
   * Runs a completion through the `complete` middleware chain. `options.locals` is the call's
   * own {@link CallLocals} object: plugins write into it (for example the cache status), and the
   * caller reads it once the call settles.
   *
   * @example
   * ```ts
   * const locals: CallLocals = {};
   * const answer = await host.complete(request, { signal, locals });
   * console.log(locals.cache); // 'hit' | 'shared' | 'miss' with @hotpath/plugin-cache
   * ```
   */
  complete(request: CompletionRequest, options?: CallOptions): Promise<CompletionResult>;
  /** Streams a completion through the `stream` middleware chain; `options.locals` as in {@link Host.complete}. */
  stream(request: CompletionRequest, options?: CallOptions): AsyncIterable<StreamDelta>;
  /** Embeds a batch through the `embed` middleware chain; `options.locals` as in {@link Host.complete}. */
  embed(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResult>;
  /** Calls a registered tool through the `tool` middleware chain; `options.locals` as in {@link Host.complete}. */
  callTool(name: string, args: unknown, options?: CallOptions): Promise<unknown>;
  /**
   * Runs tool calls as a dependency graph: each step starts as soon as its own `dependsOn`
   * steps succeeded, goes through `callTool` (so tool middleware applies), and a failed step
   * cancels its dependents. A malformed plan, an unknown tool, a missing dependency or a cycle
   * rejects before any tool runs. Resolves with every step's result or error and timings.
   *
   * @example
   * ```ts
   * const run = await host.runTools([
   *   { id: 'user', tool: 'getUser', args: { id: 7 } },
   *   { id: 'orders', tool: 'getOrders', dependsOn: ['user'], args: (r) => ({ email: r.user.email }) },
   * ], { concurrency: 4 });
   * if (run.ok) console.log(run.results.orders, run.criticalPath);
   * ```
   */
  runTools(plan: ToolPlan, options?: RunToolsOptions): Promise<RunToolsResult>;
  /** A service a plugin provided. */
  service<K extends keyof Services>(name: K): Services[K];
  /** The tools plugins registered. */
  tools(): Tool[];
  bootReport(): BootReport;
  /** Tears every plugin down, last set up first. Throws `TeardownError` after all ran if any failed. */
  close(): Promise<void>;
}

const CALLS = ['complete', 'stream', 'embed', 'tool'] as const;

class PluginHost implements Host {
  readonly #options: HostOptions;
  readonly #registry = new Registry();
  readonly #lifetime = new AbortController();
  readonly #records: PluginBootRecord[] = [];
  readonly #pending = new Map<
    string,
    { descriptor: LazyPluginDescriptor; loading?: Promise<void> | undefined }
  >();
  #handlers: Handlers;
  #booting: Promise<BootReport> | undefined;
  #closing: Promise<void> | undefined;
  #bootMs = 0;

  constructor(options: HostOptions) {
    this.#options = options;
    this.#handlers = this.#trampolines(() => this.ready());
  }

  ready(): Promise<BootReport> {
    this.#booting ??= this.#boot();
    return this.#booting;
  }

  // A middleware that throws synchronously still gives the caller a rejected promise (or a
  // stream that throws on iteration), never an exception from the call itself.

  complete(request: CompletionRequest, options?: CallOptions): Promise<CompletionResult> {
    const context = callContext(options);
    if (context instanceof Error) return Promise.reject(context);
    try {
      return this.#handlers.complete(request, context);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  stream(request: CompletionRequest, options?: CallOptions): AsyncIterable<StreamDelta> {
    const context = callContext(options);
    if (context instanceof Error) return deferStream(Promise.reject(context));
    try {
      return this.#handlers.stream(request, context);
    } catch (error) {
      return deferStream(Promise.reject(error));
    }
  }

  embed(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResult> {
    const context = callContext(options);
    if (context instanceof Error) return Promise.reject(context);
    try {
      return this.#handlers.embed(request, context);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  callTool(name: string, args: unknown, options?: CallOptions): Promise<unknown> {
    const context = callContext(options);
    if (context instanceof Error) return Promise.reject(context);
    try {
      return this.#handlers.tool({ name, args }, context);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async runTools(plan: ToolPlan, options?: RunToolsOptions): Promise<RunToolsResult> {
    await this.ready();
    // Lazy plugins loaded on the first tool call may register the tools the plan names.
    await this.#loadLazy('tool');
    const runner = {
      callTool: (name: string, args: unknown, callOptions?: CallOptions) =>
        this.callTool(name, args, callOptions),
      hasTool: (name: string) => this.#registry.tools.has(name),
    };
    return runToolPlan(runner, plan, options);
  }

  service<K extends keyof Services>(name: K): Services[K] {
    return this.#registry.use(name, 'The application') as Services[K];
  }

  tools(): Tool[] {
    return [...this.#registry.tools.values()].map((entry) => entry.tool);
  }

  bootReport(): BootReport {
    const pending = [...this.#pending.keys()].map((name) => ({
      name,
      version: undefined,
      setupMs: 0,
      lazy: true,
      loaded: false,
    }));
    return { plugins: [...this.#records, ...pending], totalMs: this.#bootMs };
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #boot(): Promise<BootReport> {
    const started = performance.now();
    const entries = this.#options.plugins ?? [];
    checkUniqueNames(entries);
    for (const entry of entries)
      if (isLazy(entry)) this.#pending.set(entry.name, { descriptor: entry });
    const eager = entries.filter((entry): entry is Plugin => !isLazy(entry));
    for (const plugin of eager) this.#checkNotOnLazy(plugin);
    for (const plugin of orderPlugins(eager)) await this.#setup(plugin, false);
    this.#bootMs = performance.now() - started;
    try {
      this.#compile();
    } catch (error) {
      // A middleware factory threw: its plugin failed to set up, so boot rolls back as for setup.
      throw await this.#rollBack((error as PluginSetupError).plugin, false, error);
    }
    return this.bootReport();
  }

  #checkNotOnLazy(plugin: Plugin): void {
    const lazy = plugin.dependencies?.find((name) => this.#pending.has(name));
    if (lazy !== undefined) {
      throw new HostArgumentError(
        `Plugin "${plugin.name}" requires "${lazy}", which is lazy: a plugin set up at boot cannot need one loaded on first use. Make "${lazy}" eager or "${plugin.name}" lazy.`,
      );
    }
  }

  async #setup(plugin: Plugin, lazy: boolean): Promise<void> {
    const { name } = plugin;
    const controller = new AbortController();
    const signal = AbortSignal.any([this.#lifetime.signal, controller.signal]);
    const context = createPluginContext(
      this.#registry,
      name,
      this.#options.config?.[name] ?? {},
      signal,
      this.#lifetime.signal,
    );
    const timeoutMs = this.#options.setupTimeoutMs ?? 10_000;
    const started = performance.now();
    try {
      await withTimeout(
        () => plugin.setup(context),
        timeoutMs,
        () => {
          const error = new PluginSetupTimeoutError(name, timeoutMs);
          controller.abort(error);
          return error;
        },
      );
    } catch (error) {
      controller.abort(error);
      throw await this.#rollBack(name, lazy, error);
    }
    this.#records.push({
      name,
      version: plugin.version,
      setupMs: performance.now() - started,
      lazy,
      loaded: true,
    });
  }

  /** Undoes a failed setup: a boot failure tears down every started plugin, a lazy one only itself. */
  async #rollBack(name: string, lazy: boolean, error: unknown): Promise<Error> {
    this.#registry.remove(name);
    const teardownMs = this.#options.teardownTimeoutMs ?? 5_000;
    await runTeardowns(this.#registry.teardowns, teardownMs, lazy ? name : undefined);
    return error instanceof PluginSetupTimeoutError || error instanceof PluginSetupError
      ? error
      : new PluginSetupError(name, { cause: error });
  }

  #compile(): void {
    // A boot or lazy load that finishes while the host closes must not reopen it.
    if (this.#closing !== undefined) return;
    const provider =
      this.#options.provider ??
      (this.#registry.services.get('provider')?.value as Provider | undefined);
    const base = terminals(provider, this.#registry, this.#lifetime.signal);
    const compiled = {} as Record<keyof Handlers, unknown>;
    for (const call of CALLS) {
      const waiting = [...this.#pending.values()].some(({ descriptor }) =>
        descriptor.on.includes(call),
      );
      compiled[call] = waiting
        ? this.#trampolines(() => this.#loadLazy(call))[call]
        : compileChain(base[call], this.#registry.entriesFor(call));
    }
    this.#handlers = compiled as unknown as Handlers;
  }

  /** Handlers that wait for `before()` and then call whatever handler is current by then. */
  #trampolines(before: () => Promise<unknown>): Handlers {
    return {
      complete: (request, context) =>
        before().then(() => this.#handlers.complete(request, context)),
      embed: (request, context) => before().then(() => this.#handlers.embed(request, context)),
      tool: (invocation, context) => before().then(() => this.#handlers.tool(invocation, context)),
      stream: (request, context) =>
        deferStream(before().then(() => this.#handlers.stream(request, context))),
    };
  }

  async #loadLazy(call: keyof Handlers): Promise<void> {
    const waiting = [...this.#pending.values()].filter(({ descriptor }) =>
      descriptor.on.includes(call),
    );
    await Promise.all(waiting.map(({ descriptor }) => this.#loadOne(descriptor.name)));
  }

  #loadOne(name: string): Promise<void> {
    // A plugin set up after close() would never be torn down.
    if (this.#closing !== undefined) return Promise.reject(new HostClosedError());
    const entry = this.#pending.get(name);
    if (entry === undefined) return Promise.resolve();
    entry.loading ??= this.#load(entry.descriptor).then(
      () => this.#commit(name),
      (error: unknown) => {
        entry.loading = undefined;
        throw error;
      },
    );
    return entry.loading;
  }

  /**
   * Compiles the chains with a loaded lazy plugin's middleware. A factory that throws rolls the
   * plugin back and leaves it pending, so the next call tries again (with the chains as they were,
   * rather than trampolines waiting on a plugin no longer pending, which would spin forever).
   */
  async #commit(name: string): Promise<void> {
    const entry = this.#pending.get(name)!;
    this.#pending.delete(name);
    try {
      this.#compile();
    } catch (error) {
      this.#pending.set(name, entry);
      entry.loading = undefined;
      const record = this.#records.findIndex((r) => r.name === name);
      if (record !== -1) this.#records.splice(record, 1);
      throw await this.#rollBack(name, true, error);
    }
  }

  async #load(descriptor: LazyPluginDescriptor): Promise<void> {
    const plugin = await loadLazy(descriptor);
    checkDependencyLists(plugin);
    for (const dependency of plugin.dependencies ?? []) {
      if (this.#pending.has(dependency)) await this.#loadOne(dependency);
      else if (!this.#records.some((record) => record.name === dependency)) {
        throw new MissingDependencyError(plugin.name, dependency);
      }
    }
    await this.#setup(plugin, true);
  }

  async #close(): Promise<void> {
    const closed = (): Promise<never> => Promise.reject(new HostClosedError());
    this.#handlers = this.#trampolines(closed);
    // ready() after close() must not boot plugins nobody will tear down.
    this.#booting ??= closed();
    await this.#booting.catch(() => {});
    // A lazy plugin being set up right now registers its teardowns before they run.
    await Promise.allSettled([...this.#pending.values()].map((entry) => entry.loading));
    this.#lifetime.abort(new HostClosedError());
    const failures = await runTeardowns(
      this.#registry.teardowns,
      this.#options.teardownTimeoutMs ?? 5_000,
    );
    if (failures.length > 0) throw new TeardownError(failures);
  }
}

/** Plugin names are unique across eager and lazy entries: a second one would be lost or set up twice. */
function checkUniqueNames(entries: readonly PluginEntry[]): void {
  const names = new Set<string>();
  for (const { name } of entries) {
    if (names.has(name)) throw new DuplicatePluginError(name);
    names.add(name);
  }
}

function checkTimeout(name: string, value: unknown): void {
  if (value === undefined || value === Number.POSITIVE_INFINITY) return;
  if (typeof value === 'number' && value >= 0 && value <= MAX_TIMER_MS) return;
  throw new HostArgumentError(
    `createHost(options.${name}): expected a number of ms from 0 to ${MAX_TIMER_MS}, or Infinity for no limit, got ${describeValue(value)}`,
  );
}

function checkOptions(options: HostOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new HostArgumentError(
      `createHost(options): expected an object, got ${describeValue(options)}`,
    );
  }
  checkKeys('createHost()', options, HOST_OPTIONS);
  checkTimeout('setupTimeoutMs', options.setupTimeoutMs);
  checkTimeout('teardownTimeoutMs', options.teardownTimeoutMs);
  if (options.plugins !== undefined && !Array.isArray(options.plugins)) {
    throw new HostArgumentError('createHost(options.plugins): expected an array of plugins');
  }
  for (const entry of options.plugins ?? []) {
    if (
      typeof entry?.name !== 'string' ||
      entry.name === '' ||
      (!isLazy(entry) && typeof entry.setup !== 'function')
    ) {
      throw new HostArgumentError(
        'createHost(options.plugins): each plugin needs a non-empty string `name` and a `setup` function (or use lazyPlugin())',
      );
    }
    if (!isLazy(entry)) checkDependencyLists(entry);
  }
}

/**
 * A plugin's `dependencies` and `optionalDependencies` are arrays of plugin names: a string
 * (`dependencies: 'cache'`) would otherwise be read letter by letter, or crash ordering.
 */
function checkDependencyLists(plugin: Plugin): void {
  for (const key of ['dependencies', 'optionalDependencies'] as const) {
    const list: unknown = plugin[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every((name) => typeof name === 'string')) {
      throw new HostArgumentError(
        `Plugin "${plugin.name}": \`${key}\` must be an array of plugin names, got ${describeValue(list)}`,
      );
    }
  }
}

/**
 * Creates a plugin host. Plugins are ordered by their dependencies and set up
 * on `ready()` (or on the first call); middleware chains are compiled once, so
 * a call no plugin wraps goes straight to the provider.
 *
 * @example
 * ```ts
 * const host = createHost({ plugins: [openai({ apiKey }), cache(), metrics()] });
 * try {
 *   const answer = await host.complete({ model: 'gpt-4o-mini', messages });
 * } finally {
 *   await host.close(); // or `await using host = …` on Node 24
 * }
 * ```
 */
export function createHost(options: HostOptions = {}): Host {
  checkOptions(options);
  return new PluginHost(options);
}
