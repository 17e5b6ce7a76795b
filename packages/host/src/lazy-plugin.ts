import type { Handlers, LazyPlugin, Plugin } from '@hotpath/protocol';
import { HostArgumentError, LazyPluginLoadError } from './errors.ts';

/** A plugin whose code loads on the first call that needs it. */
export interface LazyPluginDescriptor {
  readonly name: string;
  readonly load: LazyPlugin;
  /** The calls that load it on first use. */
  readonly on: readonly (keyof Handlers)[];
}

/** A plugin given to the host: ready now, or loaded on first use. */
export type PluginEntry = Plugin | LazyPluginDescriptor;

const ALL_CALLS: readonly (keyof Handlers)[] = ['complete', 'stream', 'embed', 'tool'];

/**
 * Declares a plugin that is imported and set up on the first call that needs
 * it, instead of at boot. Concurrent first calls share one load.
 *
 * @param name - the plugin's name, as its module declares it
 * @param load - for example `() => import('./summarise-plugin.ts')`
 * @param options.on - the calls that need it. @default all calls
 * @example
 * ```ts
 * createHost({ plugins: [lazyPlugin('pdf-tools', () => import('./pdf-tools.ts'), { on: ['tool'] })] });
 * ```
 */
export function lazyPlugin(
  name: string,
  load: LazyPlugin,
  options?: { readonly on?: readonly (keyof Handlers)[] },
): LazyPluginDescriptor {
  if (typeof name !== 'string' || name === '') {
    throw new HostArgumentError('lazyPlugin(name): expected a non-empty string');
  }
  if (typeof load !== 'function') {
    throw new HostArgumentError(`lazyPlugin(load): expected a function, got ${typeof load}`);
  }
  return { name, load, on: options?.on ?? ALL_CALLS };
}

/** Tells a lazy descriptor from a ready plugin. */
export function isLazy(entry: PluginEntry): entry is LazyPluginDescriptor {
  return typeof (entry as LazyPluginDescriptor).load === 'function';
}

/** Imports a lazy plugin and checks that it is the plugin it claims to be. */
export async function loadLazy(descriptor: LazyPluginDescriptor): Promise<Plugin> {
  let loaded: Awaited<ReturnType<LazyPlugin>>;
  try {
    loaded = await descriptor.load();
  } catch (cause) {
    throw new LazyPluginLoadError(descriptor.name, { cause });
  }
  const plugin = 'default' in loaded ? loaded.default : loaded;
  if (plugin?.name !== descriptor.name || typeof plugin.setup !== 'function') {
    const cause = new TypeError(
      `expected a plugin named "${descriptor.name}" with setup(), got "${String(plugin?.name)}"`,
    );
    throw new LazyPluginLoadError(descriptor.name, { cause });
  }
  return plugin;
}
