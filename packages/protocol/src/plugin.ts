import type { CompletionRequest, CompletionResult, JsonSchema } from './completion.ts';
import type { StreamDelta } from './delta.ts';
import type { EmbeddingRequest, EmbeddingResult } from './embedding.ts';
import type { CallLocals } from './locals.ts';
import type { CallOptions, Provider } from './provider.ts';

/** What every handler in a middleware chain receives besides the request. */
export interface CallContext extends CallOptions {
  /**
   * The call's typed per-call values, shared by every middleware of the call and by the caller
   * that passed them in (see {@link CallLocals}). The same object for the whole call.
   */
  readonly locals: CallLocals;
}

/** A call to a registered tool. */
export interface ToolInvocation {
  readonly name: string;
  readonly args: unknown;
}

/** Handles a completion. */
export type CompleteHandler = (
  request: CompletionRequest,
  context: CallContext,
) => Promise<CompletionResult>;
/** Handles a streamed completion. */
export type StreamHandler = (
  request: CompletionRequest,
  context: CallContext,
) => AsyncIterable<StreamDelta>;
/** Handles an embedding request. */
export type EmbedHandler = (
  request: EmbeddingRequest,
  context: CallContext,
) => Promise<EmbeddingResult>;
/** Handles a tool call. */
export type ToolHandler = (invocation: ToolInvocation, context: CallContext) => Promise<unknown>;

/** The calls a plugin can wrap, by name. */
export interface Handlers {
  complete: CompleteHandler;
  stream: StreamHandler;
  embed: EmbedHandler;
  tool: ToolHandler;
}

/**
 * A middleware is a higher-order handler: it receives the next handler and
 * returns one that does its work around it.
 *
 * @example
 * ```ts
 * const logging: Middleware<'complete'> = (next) => async (req, ctx) => {
 *   const result = await next(req, ctx);
 *   console.log(result.usage);
 *   return result;
 * };
 * ```
 */
export type Middleware<K extends keyof Handlers> = (next: Handlers[K]) => Handlers[K];

/** Where a middleware sits in its chain: `pre` runs outermost, `post` innermost. */
export type MiddlewareOrder = 'pre' | 'normal' | 'post';

/** A tool the model (or a tool plan) can call. */
export interface Tool<Args = unknown, Result = unknown> {
  readonly name: string;
  readonly description?: string;
  /** JSON Schema of `Args`. */
  readonly parameters?: JsonSchema;
  /** Whether results may be cached. @default false */
  readonly cacheable?: boolean;
  /** How long a cached result lives, in milliseconds. */
  readonly ttlMs?: number;
  run(args: Args, options: { readonly signal: AbortSignal }): Promise<Result> | Result;
}

/**
 * Typed services plugins provide to each other. Plugins add their services by
 * declaration merging:
 *
 * @example
 * ```ts
 * declare module '@hotpath/protocol' {
 *   interface Services { 'cache': ResponseCache }
 * }
 * ```
 */
export interface Services {
  /** The provider calls end at; provider plugins provide it. */
  provider: Provider;
}

/** What a plugin's `setup` can do. */
export interface PluginContext {
  /** This plugin's configuration, as given to the host. */
  readonly config: { readonly [key: string]: unknown };
  /** Aborted when setup times out or the host closes. */
  readonly signal: AbortSignal;
  /** Offers a service to plugins that depend on this one. */
  provide<K extends keyof Services>(name: K, service: Services[K]): void;
  /** Gets a service a dependency provided; throws when it is missing. */
  use<K extends keyof Services>(name: K): Services[K];
  /** Gets a service an optional dependency may have provided. */
  tryUse<K extends keyof Services>(name: K): Services[K] | undefined;
  /** Wraps one of the host's calls. */
  wrap<K extends keyof Handlers>(
    call: K,
    middleware: Middleware<K>,
    options?: { readonly order?: MiddlewareOrder },
  ): void;
  /** Registers a tool for `host.runTools()`. */
  registerTool(tool: Tool): void;
  /**
   * The definition of a tool any plugin registered (its `cacheable`, `ttlMs`, `parameters` …),
   * or `undefined`. The lookup is live, so `tool` middleware can call it at call time and finds
   * tools registered by plugins set up later, or by lazy plugins. It costs one map lookup, and
   * only when called.
   *
   * @example
   * ```ts
   * context.wrap('tool', (next) => (invocation, ctx) =>
   *   context.tool(invocation.name)?.cacheable ? cached(invocation, ctx, next) : next(invocation, ctx));
   * ```
   */
  tool(name: string): Tool | undefined;
  /** Registers a teardown; teardowns run last-in first-out when the host closes. */
  onClose(teardown: () => void | Promise<void>): void;
}

/** A plugin: a name, what it needs, and a setup function. */
export interface Plugin {
  readonly name: string;
  readonly version?: string;
  /** Plugins that must be set up before this one. */
  readonly dependencies?: readonly string[];
  /** Plugins set up before this one when they are present. */
  readonly optionalDependencies?: readonly string[];
  setup(context: PluginContext): void | Promise<void>;
}

/** A plugin loaded on first use, for example `() => import('./heavy-plugin.ts')`. */
export type LazyPlugin = () => Promise<Plugin | { readonly default: Plugin }>;
