import type {
  Handlers,
  Middleware,
  MiddlewareOrder,
  PluginContext,
  Services,
  Tool,
} from '@hotpath/protocol';
import { describeValue, isHotpathError } from '@hotpath/protocol';
import {
  DuplicateServiceError,
  HostArgumentError,
  MissingServiceError,
  PluginSetupError,
} from './errors.ts';
import type { MiddlewareEntry } from './middleware-chain.ts';

/** A teardown and the plugin that registered it. */
export interface Teardown {
  readonly plugin: string;
  readonly run: () => void | Promise<void>;
}

type AnyMiddlewareEntry = { [K in keyof Handlers]: MiddlewareEntry<K> }[keyof Handlers];

const ORDERS: ReadonlySet<string> = new Set(['pre', 'normal', 'post']);
const CALLS: ReadonlySet<string> = new Set(['complete', 'stream', 'embed', 'tool']);

/** Everything plugins registered: services, middleware, tools and teardowns. */
export class Registry {
  readonly services: Map<string, { readonly value: unknown; readonly owner: string }> = new Map();
  readonly middleware: AnyMiddlewareEntry[] = [];
  readonly tools: Map<string, { readonly tool: Tool; readonly owner: string }> = new Map();
  readonly teardowns: Teardown[] = [];

  provide(name: string, value: unknown, owner: string): void {
    const existing = this.services.get(name);
    if (existing) throw new DuplicateServiceError(name, existing.owner, owner);
    this.services.set(name, { value, owner });
  }

  use(name: string, requester: string): unknown {
    const entry = this.services.get(name);
    if (entry === undefined) throw new MissingServiceError(name, requester);
    return entry.value;
  }

  entriesFor<K extends keyof Handlers>(call: K): MiddlewareEntry<K>[] {
    return this.middleware.filter(
      (entry) => entry.call === call,
    ) as unknown as MiddlewareEntry<K>[];
  }

  /** Forgets what a plugin registered, after its setup failed. */
  remove(owner: string): void {
    for (const [name, entry] of this.services)
      if (entry.owner === owner) this.services.delete(name);
    for (const [name, entry] of this.tools) if (entry.owner === owner) this.tools.delete(name);
    const kept = this.middleware.filter((entry) => entry.plugin !== owner);
    this.middleware.splice(0, this.middleware.length, ...kept);
  }
}

function checkWrap(call: unknown, middleware: unknown, order: unknown): void {
  if (typeof call !== 'string' || !CALLS.has(call)) {
    throw new HostArgumentError(
      `wrap(call): expected 'complete', 'stream', 'embed' or 'tool', got ${describeValue(call)}`,
    );
  }
  if (typeof middleware !== 'function') {
    throw new HostArgumentError(`wrap(middleware): expected a function, got ${typeof middleware}`);
  }
  if (!ORDERS.has(order as string)) {
    throw new HostArgumentError(`wrap(options.order): expected 'pre', 'normal' or 'post'`);
  }
}

/**
 * Refuses a registration once the plugin's signal is aborted: its setup failed or timed out and
 * was rolled back, or the host closed, so nothing would ever use (or remove) what it registers.
 */
function checkOpen(signal: AbortSignal, plugin: string): void {
  if (!signal.aborted) return;
  const reason: unknown = signal.reason;
  throw isHotpathError(reason) ? reason : new PluginSetupError(plugin, { cause: reason });
}

/** Runs a teardown registered after the host closed at once: no close() is left to run it. */
function tearDownLate(plugin: string, teardown: () => void | Promise<void>): void {
  Promise.resolve()
    .then(teardown)
    .catch((error: unknown) => {
      process.emitWarning(
        `Plugin "${plugin}" registered a teardown after the host closed; it ran at once and failed: ${String(error)}`,
      );
    });
}

/**
 * The context one plugin's `setup` receives, bound to the shared registry. `signal` aborts when
 * the setup fails or the host closes (`closed`).
 */
export function createPluginContext(
  registry: Registry,
  plugin: string,
  config: { readonly [key: string]: unknown },
  signal: AbortSignal,
  closed: AbortSignal,
): PluginContext {
  const requester = `Plugin "${plugin}"`;
  return {
    config,
    signal,
    provide: (name, service) => {
      checkOpen(signal, plugin);
      registry.provide(name, service, plugin);
    },
    use: <K extends keyof Services>(name: K) => registry.use(name, requester) as Services[K],
    tryUse: <K extends keyof Services>(name: K) =>
      registry.services.get(name)?.value as Services[K] | undefined,
    wrap<K extends keyof Handlers>(
      call: K,
      middleware: Middleware<K>,
      options?: { readonly order?: MiddlewareOrder },
    ) {
      const order = options?.order ?? 'normal';
      checkWrap(call, middleware, order);
      checkOpen(signal, plugin);
      registry.middleware.push({
        call,
        middleware,
        order,
        plugin,
      } as unknown as AnyMiddlewareEntry);
    },
    registerTool(tool) {
      if (typeof tool?.name !== 'string' || typeof tool.run !== 'function') {
        throw new HostArgumentError('registerTool(tool): expected { name: string, run: function }');
      }
      checkOpen(signal, plugin);
      if (registry.tools.has(tool.name)) {
        throw new HostArgumentError(`registerTool(tool): a tool named "${tool.name}" exists`);
      }
      registry.tools.set(tool.name, { tool, owner: plugin });
    },
    tool: (name) => registry.tools.get(name)?.tool,
    onClose(teardown) {
      if (typeof teardown !== 'function') {
        throw new HostArgumentError(`onClose(teardown): expected a function`);
      }
      // After a failed setup the host still closes later and runs it; after close, nothing would.
      if (closed.aborted) tearDownLate(plugin, teardown);
      else registry.teardowns.push({ plugin, run: teardown });
    },
  };
}
