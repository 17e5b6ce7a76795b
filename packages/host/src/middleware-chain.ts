import type { Handlers, Middleware, MiddlewareOrder } from '@hotpath/protocol';
import { PluginSetupError } from './errors.ts';

/** A middleware as a plugin registered it. */
export interface MiddlewareEntry<K extends keyof Handlers = keyof Handlers> {
  readonly call: K;
  readonly middleware: Middleware<K>;
  readonly order: MiddlewareOrder;
  readonly plugin: string;
}

const rank: Record<MiddlewareOrder, number> = { pre: 0, normal: 1, post: 2 };

/**
 * Builds the handler for one call once: `pre` middleware outermost, then
 * `normal`, then `post`, each group in plugin order, around `terminal`. With no
 * middleware the terminal itself is returned, so an unwrapped call costs nothing. A middleware
 * factory that throws fails its plugin's setup: a `PluginSetupError` naming it.
 */
export function compileChain<K extends keyof Handlers>(
  terminal: Handlers[K],
  entries: readonly MiddlewareEntry<K>[],
): Handlers[K] {
  const ordered = entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank[a.entry.order] - rank[b.entry.order] || a.index - b.index);
  let handler = terminal;
  for (let i = ordered.length - 1; i >= 0; i--) {
    const { entry } = ordered[i]!;
    try {
      handler = entry.middleware(handler);
    } catch (cause) {
      throw new PluginSetupError(entry.plugin, { cause });
    }
  }
  return handler;
}
