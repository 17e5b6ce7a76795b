import type { CallContext, CallOptions, Handlers, Provider } from '@hotpath/protocol';
import { NoProviderError, UnknownToolError } from './errors.ts';
import type { Registry } from './registry.ts';

/** Builds the per-call context every handler receives. */
export function callContext(options: CallOptions | undefined): CallContext {
  return { signal: options?.signal, headers: options?.headers, locals: {} };
}

/** Turns a promise of a stream into a stream, so `stream()` can stay synchronous. */
export async function* deferStream<T>(source: Promise<AsyncIterable<T>>): AsyncGenerator<T> {
  yield* await source;
}

function missingProvider(): Handlers {
  const reject = (): Promise<never> => Promise.reject(new NoProviderError());
  return {
    complete: reject,
    embed: reject,
    stream: () => deferStream(reject()),
    tool: reject,
  };
}

/** The innermost handlers: the provider's calls and the tool registry. */
export function terminals(
  provider: Provider | undefined,
  registry: Registry,
  fallbackSignal: AbortSignal,
): Handlers {
  const fallback = missingProvider();
  return {
    complete: provider
      ? (request, context) => provider.complete(request, context)
      : fallback.complete,
    stream: provider ? (request, context) => provider.stream(request, context) : fallback.stream,
    embed: provider ? (request, context) => provider.embed(request, context) : fallback.embed,
    tool: async (invocation, context) => {
      const entry = registry.tools.get(invocation.name);
      if (entry === undefined) throw new UnknownToolError(invocation.name);
      return entry.tool.run(invocation.args, { signal: context.signal ?? fallbackSignal });
    },
  };
}
